package dev.perfshop.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailureLimiterTests {

  static final class TestClock extends Clock {
    long millis = 1_000_000;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  final TestClock clock = new TestClock();
  final FailureLimiter limiter = new FailureLimiter(clock, 10);

  @Test
  void tenFailuresAreAllowedTheEleventhAttemptWaitsForTheWindowToEnd() {
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.retryAfterSeconds("a")).isZero();
      limiter.recordFailure("a");
    }
    assertThat(limiter.retryAfterSeconds("a")).isEqualTo(60);
    assertThat(limiter.retryAfterSeconds("b")).isZero();
    clock.millis += 59_001;
    assertThat(limiter.retryAfterSeconds("a")).isEqualTo(1);
    clock.millis += 999;
    assertThat(limiter.retryAfterSeconds("a")).isZero();
  }

  @Test
  void failuresSpreadOverMoreThanAMinuteDoNotAddUp() {
    for (int i = 0; i < 30; i++) {
      limiter.recordFailure("a");
      clock.millis += 7_000;
      if (i % 9 == 8) {
        clock.millis += 60_000;
      }
    }
    assertThat(limiter.retryAfterSeconds("a")).isZero();
  }

  @Test
  void aClientThatHasNotFailedIsNeverRefusedWhateverOthersDo() {
    // three tables' worth of distinct clients, each failing until it is throttled, in one minute
    for (int i = 0; i < FailureLimiter.MAX_CLIENTS * 3; i++) {
      for (int f = 0; f < 10; f++) {
        limiter.recordFailure("attacker-" + i);
      }
    }
    assertThat(limiter.size()).isEqualTo(FailureLimiter.MAX_CLIENTS);
    assertThat(limiter.retryAfterSeconds("instructor")).isZero();
    assertThat(limiter.retryAfterSeconds("attacker-" + (FailureLimiter.MAX_CLIENTS * 3 - 1)))
        .as("the latest attackers are still throttled")
        .isEqualTo(60);
  }

  @Test
  void whenTheTableIsFullTheClientQuietLongestIsForgottenFirst() {
    for (int f = 0; f < 10; f++) {
      limiter.recordFailure("persistent");
    }
    for (int i = 0; i < FailureLimiter.MAX_CLIENTS - 1; i++) {
      limiter.recordFailure("once-" + i);
    }
    limiter.recordFailure("persistent"); // fails again: now the most recent
    limiter.recordFailure("newcomer");
    assertThat(limiter.tracks("once-0")).as("quiet longest, forgotten").isFalse();
    assertThat(limiter.tracks("persistent")).isTrue();
    assertThat(limiter.retryAfterSeconds("persistent")).isEqualTo(60);
    assertThat(limiter.tracks("newcomer")).isTrue();
  }

  @Test
  void theTableOfClientsStaysBounded() {
    for (int i = 0; i < FailureLimiter.MAX_CLIENTS * 3; i++) {
      limiter.recordFailure("client-" + i);
      if (i % FailureLimiter.MAX_CLIENTS == 0) {
        clock.millis += 61_000;
      }
    }
    assertThat(limiter.size()).isLessThanOrEqualTo(FailureLimiter.MAX_CLIENTS);
  }
}
