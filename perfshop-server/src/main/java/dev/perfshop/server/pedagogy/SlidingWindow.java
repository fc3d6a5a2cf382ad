package dev.perfshop.server.pedagogy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * At most {@code limit} events per key in any window of {@code window}. Keys whose window emptied
 * are dropped now and then, so memory follows the active keys only.
 */
final class SlidingWindow<K> {

  private static final int PURGE_ABOVE = 10_000;

  private final Clock clock;
  private final int limit;
  private final Duration window;
  private final Map<K, ArrayDeque<Instant>> windows = new ConcurrentHashMap<>();

  SlidingWindow(Clock clock, int limit, Duration window) {
    this.clock = clock;
    this.limit = limit;
    this.window = window;
  }

  /** Empty when the event is allowed now (and counts it), else how long to wait. */
  Optional<Duration> acquire(K key) {
    Instant now = clock.instant();
    if (windows.size() > PURGE_ABOVE) {
      purge(now);
    }
    ArrayDeque<Instant> times = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      expire(times, now);
      if (times.size() >= limit) {
        Duration wait = Duration.between(now, times.peekFirst().plus(window));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      }
      times.addLast(now);
      return Optional.empty();
    }
  }

  /** How long {@code key} must wait before its next event, without counting one. */
  Optional<Duration> blocked(K key) {
    ArrayDeque<Instant> times = windows.get(key);
    if (times == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    synchronized (times) {
      expire(times, now);
      return times.size() < limit
          ? Optional.empty()
          : Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }
  }

  void forget(Predicate<K> which) {
    windows.keySet().removeIf(which);
  }

  int keys() {
    return windows.size();
  }

  private void purge(Instant now) {
    windows
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                expire(e.getValue(), now);
                return e.getValue().isEmpty();
              }
            });
  }

  private void expire(ArrayDeque<Instant> times, Instant now) {
    while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
      times.pollFirst();
    }
  }
}
