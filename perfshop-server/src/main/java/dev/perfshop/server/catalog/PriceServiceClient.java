package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RandomSource;
import dev.perfshop.server.system.policy.RequestPolicy;
import dev.perfshop.server.system.policy.Waiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Sleeps until a {@code System.nanoTime()} deadline: never less than the delay drawn. */
@Component
public class PriceServiceClient implements RequestPolicy {

  private static final ChaosType LATENCY = ChaosType.of("latency");

  public static final long CAP_NANOS = Duration.ofSeconds(30).toNanos();

  /** Per level, read once: the request path never calls into the catalogue. */
  private static final double[] BASE_MS = LATENCY.doubles("baseMs");

  private static final double[] JITTER = LATENCY.doubles("jitter");

  private final Waiter sleeper;
  private final RandomSource random;

  public PriceServiceClient(Waiter sleeper, RandomSource random) {
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public ChaosType type() {
    return LATENCY;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    long start = System.nanoTime();
    sleeper.sleepUntil(start + delayNanos(a.level(), random.nextDouble()), a);
  }

  /**
   * The delay for a level and a uniform draw u in [0, 1): the catalogue's {@code baseMs} ± {@code
   * jitter}, capped at 30 s.
   */
  public static long delayNanos(int level, double u) {
    double factor = 1 + (2 * u - 1) * JITTER[level - 1];
    long nanos = Math.round(BASE_MS[level - 1] * 1_000_000L * factor);
    return Math.min(Math.max(nanos, 0), CAP_NANOS);
  }
}
