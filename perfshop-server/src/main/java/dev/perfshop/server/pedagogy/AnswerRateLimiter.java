package dev.perfshop.server.pedagogy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A sliding one-minute window of answers per student. Guessing by brute force (try every option of
 * a choice, every route of the shop) then costs time as well as stars.
 */
@Component
class AnswerRateLimiter {

  static final Duration WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final int limit;

  private record Key(long studentId, long enigmaId) {}

  private final Map<Key, ArrayDeque<Instant>> windows = new ConcurrentHashMap<>();

  AnswerRateLimiter(Clock clock, PedagogyProperties properties) {
    this.clock = clock;
    this.limit = properties.answersPerMinute();
  }

  /** Empty when the student may answer now (and counts it), else how long to wait. */
  Optional<Duration> acquire(long studentId, long enigmaId) {
    Instant now = clock.instant();
    ArrayDeque<Instant> window =
        windows.computeIfAbsent(new Key(studentId, enigmaId), k -> new ArrayDeque<>());
    synchronized (window) {
      while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(WINDOW))) {
        window.pollFirst();
      }
      if (window.size() >= limit) {
        Duration wait = Duration.between(now, window.peekFirst().plus(WINDOW));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      }
      window.addLast(now);
      return Optional.empty();
    }
  }

  void forget(long studentId) {
    windows.keySet().removeIf(k -> k.studentId() == studentId);
  }
}
