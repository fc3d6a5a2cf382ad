package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** clock-skew: the application clock, off by the level's skew for requests with a hit. */
final class ShopClock extends Clock {

  private static final ChaosType CLOCK_SKEW = ChaosType.of("clock-skew");

  private static final Duration[] SKEW = CLOCK_SKEW.durations("skew");

  private final Clock delegate;

  ShopClock(Clock delegate) {
    this.delegate = delegate;
  }

  static Duration skew(int level) {
    return SKEW[level - 1];
  }

  @Override
  public Instant instant() {
    Activation a = PolicyContext.hit(CLOCK_SKEW);
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
    return new ShopClock(delegate.withZone(zone));
  }
}
