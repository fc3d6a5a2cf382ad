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
  void theTableOfClientsStaysBounded() {
    for (int i = 0; i < FailureLimiter.MAX_CLIENTS * 3; i++) {
      limiter.recordFailure("client-" + i);
      if (i % FailureLimiter.MAX_CLIENTS == 0) {
        clock.millis += 61_000;
      }
    }
    assertThat(limiter.size()).isLessThanOrEqualTo(FailureLimiter.MAX_CLIENTS + 1);
  }
}
