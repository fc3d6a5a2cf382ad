package dev.perfshop.server.admin;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed admin attempts per client in a fixed one-minute window that starts at the first
 * failure. Once a client has {@code max} failures in its window, every admin request from it is
 * refused until the window ends. Memory is bounded: expired windows are dropped when the table
 * grows past {@link #MAX_CLIENTS}.
 */
final class FailureLimiter {

  static final long WINDOW_MILLIS = 60_000;
  static final int MAX_CLIENTS = 10_000;

  private static final String OVERFLOW = "(overflow)";

  private record Window(long start, int failures) {}

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int max;

  FailureLimiter(Clock clock, int max) {
    this.clock = clock;
    this.max = max;
  }

  /** Seconds the client must wait, or 0 when it may try. */
  long retryAfterSeconds(String client) {
    Window w = windows.get(client);
    if (w == null && windows.size() >= MAX_CLIENTS) {
      w = windows.get(OVERFLOW);
    }
    if (w == null || w.failures < max) {
      return 0;
    }
    long left = w.start + WINDOW_MILLIS - clock.millis();
    if (left <= 0) {
      windows.values().remove(w);
      return 0;
    }
    return (left + 999) / 1000;
  }

  int size() {
    return windows.size();
  }

  void recordFailure(String client) {
    long now = clock.millis();
    String key = client;
    if (windows.size() >= MAX_CLIENTS && !windows.containsKey(client)) {
      windows.values().removeIf(w -> w.start + WINDOW_MILLIS <= now);
      if (windows.size() >= MAX_CLIENTS) {
        key = OVERFLOW; // a flood of new clients shares one window instead of growing the table
      }
    }
    windows.compute(
        key,
        (k, w) ->
            w == null || w.start + WINDOW_MILLIS <= now
                ? new Window(now, 1)
                : new Window(w.start, w.failures + 1));
  }
}
