package dev.perfshop.server.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** clock-skew: the application clock, off by the level's skew for requests with a hit. */
final class ChaosClock extends Clock {

  private static final ChaosType CLOCK_SKEW = ChaosType.of("clock-skew");

  private static final Duration[] SKEW = CLOCK_SKEW.durations("skew");

  private final Clock delegate;

  ChaosClock(Clock delegate) {
    this.delegate = delegate;
  }

  static Duration skew(int level) {
    return SKEW[level - 1];
  }

  @Override
  public Instant instant() {
    Activation a = ChaosContext.hit(CLOCK_SKEW);
    Instant now = delegate.instant();
    return a == null ? now : now.plus(SKEW[a.level() - 1]);
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return delegate.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ChaosClock(delegate.withZone(zone));
  }
}
