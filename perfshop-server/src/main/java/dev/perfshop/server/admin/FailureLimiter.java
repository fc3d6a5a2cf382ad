package dev.perfshop.server.admin;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed admin attempts per client in a fixed one-minute window that starts at the first
 * failure. Once a client has {@code max} failures in its window, every admin request from it is
 * refused until the window ends.
 *
 * <p>A client is judged by its own failures only: one that is not in the table has not failed
 * recently and is never refused, whatever other clients do. Memory is bounded: the table holds at
 * most {@link #MAX_CLIENTS} clients; when a new failing client needs room, expired windows go
 * first, then the client whose last failure is the oldest. Forgetting a client can only give it
 * back its own guesses (a few per minute against a 256-bit token), never refuse anyone else.
 */
final class FailureLimiter {

  static final long WINDOW_MILLIS = 60_000;
  static final int MAX_CLIENTS = 10_000;

  private record Window(long start, int failures) {}

  /** In order of last failure, oldest first (a failing client is moved to the end). */
  private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

  private final Clock clock;
  private final int max;

  FailureLimiter(Clock clock, int max) {
    this.clock = clock;
    this.max = max;
  }

  /** Seconds the client must wait, or 0 when it may try. */
  synchronized long retryAfterSeconds(String client) {
    Window w = windows.get(client);
    if (w == null || w.failures < max) {
      return 0;
    }
    long left = w.start + WINDOW_MILLIS - clock.millis();
    if (left <= 0) {
      windows.remove(client);
      return 0;
    }
    return (left + 999) / 1000;
  }

  synchronized int size() {
    return windows.size();
  }

  synchronized boolean tracks(String client) {
    return windows.containsKey(client);
  }

  synchronized void recordFailure(String client) {
    long now = clock.millis();
    Window w = windows.remove(client);
    Window next =
        w == null || w.start + WINDOW_MILLIS <= now
            ? new Window(now, 1)
            : new Window(w.start, w.failures + 1);
    if (w == null) {
      makeRoom(now);
    }
    windows.put(client, next);
  }

  /** Drops expired windows at the old end, then the quietest clients while the table is full. */
  private void makeRoom(long now) {
    Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
    while (oldest.hasNext()) {
      Window w = oldest.next().getValue();
      if (w.start + WINDOW_MILLIS <= now || windows.size() >= MAX_CLIENTS) {
        oldest.remove();
      } else {
        return;
      }
    }
  }
}
