package dev.perfshop.server.order;

import dev.perfshop.server.system.policy.ShopRules;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * A payment provider without the network: it takes {@code latency + U[0, jitter)} (through the
 * {@link Sleeper} seam), declines the configured test card and expired cards, and approves the rest
 * with a random authorisation code. Deterministic in outcome, random only in timing.
 */
@Component
class SimulatedPaymentGateway implements PaymentGateway {

  private final PaymentProperties properties;
  private final Sleeper sleeper;
  private final Clock clock;

  SimulatedPaymentGateway(PaymentProperties properties, Sleeper sleeper, Clock clock) {
    this.properties = properties;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  @Override
  public Authorization authorise(Charge charge) {
    // A slow provider (slow-dependency) is slow inside the call, where a trace shows it.
    ShopRules.dependencyCall("payment-gateway");
    wait(latency());
    if (charge.cardNumber().equals(properties.declinedCard())) {
      return Authorization.declined("card-declined");
    }
    if (expired(charge.expiry())) {
      return Authorization.declined("card-expired");
    }
    return Authorization.approved(
        "AUTH-"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36)
                .toUpperCase(Locale.ROOT));
  }

  Duration latency() {
    long jitterNanos = properties.jitter().toNanos();
    long extra = jitterNanos > 0 ? ThreadLocalRandom.current().nextLong(jitterNanos) : 0;
    return properties.latency().plusNanos(extra);
  }

  private void wait(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("payment authorisation interrupted", e);
    }
  }

  /** Expiry {@code MM/YY}: valid through the last day of that month. */
  private boolean expired(String expiry) {
    int month = Integer.parseInt(expiry.substring(0, 2));
    int year = 2000 + Integer.parseInt(expiry.substring(3, 5));
    return YearMonth.of(year, month).isBefore(YearMonth.now(clock));
  }
}
