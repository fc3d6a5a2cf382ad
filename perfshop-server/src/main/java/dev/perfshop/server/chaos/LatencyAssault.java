package dev.perfshop.server.chaos;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Sleeps until a {@code System.nanoTime()} deadline: never less than the delay drawn. */
@Component
class LatencyAssault implements Assault {

  private static final ChaosType LATENCY = ChaosType.of("latency");

  static final long CAP_NANOS = Duration.ofSeconds(30).toNanos();

  private final Sleeper sleeper;
  private final RandomSource random;

  LatencyAssault(Sleeper sleeper, RandomSource random) {
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public ChaosType type() {
    return LATENCY;
  }

  @Override
  public void attack(Activation a, HttpServletRequest request, HttpServletResponse response) {
    long start = System.nanoTime();
    sleeper.sleepUntil(start + delayNanos(a.level(), random.nextDouble()), a);
  }

  /**
   * The delay for a level and a uniform draw u in [0, 1): the catalogue's {@code baseMs} ± {@code
   * jitter}, capped at 30 s.
   */
  static long delayNanos(int level, double u) {
    var numbers = LATENCY.parameters(level);
    double factor = 1 + (2 * u - 1) * numbers.number("jitter");
    long nanos = Math.round(numbers.number("baseMs") * 1_000_000L * factor);
    return Math.min(Math.max(nanos, 0), CAP_NANOS);
  }
}
