package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitTests {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

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
      return now;
    }
  }

  @Test
  void answersAreLimitedPerStudentAndEnigmaInASlidingMinute() {
    ManualClock clock = new ManualClock();
    AnswerRateLimiter limiter = new AnswerRateLimiter(clock, new PedagogyProperties(3, 50, false));
    assertThat(limiter.acquire(1, 10)).isEmpty();
    clock.advance(Duration.ofSeconds(20));
    assertThat(limiter.acquire(1, 10)).isEmpty();
    assertThat(limiter.acquire(1, 10)).isEmpty();
    assertThat(limiter.acquire(1, 10)).contains(Duration.ofSeconds(40));
    // another enigma, another student: their own windows
    assertThat(limiter.acquire(1, 11)).isEmpty();
    assertThat(limiter.acquire(2, 10)).isEmpty();
    // the first answer leaves the window after a minute
    clock.advance(Duration.ofSeconds(40));
    assertThat(limiter.acquire(1, 10)).isEmpty();
    assertThat(limiter.acquire(1, 10)).contains(Duration.ofSeconds(20));
    limiter.forget(1);
    assertThat(limiter.acquire(1, 10)).isEmpty();
  }

  @Test
  void failedJoinsBlockAClientForTheRestOfTheMinute() {
    ManualClock clock = new ManualClock();
    AnswerRateLimiter limiter = new AnswerRateLimiter(clock, new PedagogyProperties(6, 50, false));
    for (int i = 0; i < AnswerRateLimiter.FAILED_JOINS_PER_MINUTE; i++) {
      assertThat(limiter.joinBlocked("10.0.0.1")).isEmpty();
      limiter.failedJoin("10.0.0.1");
    }
    assertThat(limiter.joinBlocked("10.0.0.1")).contains(Duration.ofMinutes(1));
    assertThat(limiter.joinBlocked("10.0.0.2")).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.joinBlocked("10.0.0.1")).isEmpty();
  }

  @Test
  void idleKeysAreDroppedSoMemoryFollowsActiveStudents() {
    ManualClock clock = new ManualClock();
    SlidingWindow<Integer> window = new SlidingWindow<>(clock, 1, Duration.ofMinutes(1));
    for (int i = 0; i <= 10_000; i++) {
      window.acquire(i);
    }
    clock.advance(Duration.ofMinutes(2));
    window.acquire(-1);
    assertThat(window.keys()).isEqualTo(1);
  }
}
