package dev.perfshop.server.pedagogy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Rate limits of the student API. Answers: a sliding one-minute window per student and enigma, so
 * guessing by brute force (every option of a choice, every route of the shop) costs time as well as
 * stars, while a student who moves on to the next enigma is not held back. Joins: failed joins
 * (unknown code) per client address, so join codes cannot be enumerated.
 */
@Component
class AnswerRateLimiter {

  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int FAILED_JOINS_PER_MINUTE = 20;

  private record Key(long studentId, long enigmaId) {}

  private final SlidingWindow<Key> answers;
  private final SlidingWindow<String> failedJoins;

  AnswerRateLimiter(Clock clock, PedagogyProperties properties) {
    this.answers = new SlidingWindow<>(clock, properties.answersPerMinute(), WINDOW);
    this.failedJoins = new SlidingWindow<>(clock, FAILED_JOINS_PER_MINUTE, WINDOW);
  }

  /** Empty when the student may answer now (and counts it), else how long to wait. */
  Optional<Duration> acquire(long studentId, long enigmaId) {
    return answers.acquire(new Key(studentId, enigmaId));
  }

  /** Present when {@code client} failed to join too often and must wait. */
  Optional<Duration> joinBlocked(String client) {
    return failedJoins.blocked(client);
  }

  void failedJoin(String client) {
    failedJoins.acquire(client);
  }

  void forget(long studentId) {
    answers.forget(k -> k.studentId() == studentId);
  }
}
