package dev.perfshop.cli.scenario;

import dev.perfshop.cli.traffic.TrafficGenerator;
import dev.perfshop.scenario.Scenario;
import java.net.URI;
import java.time.Duration;

/** The runner's synthetic shoppers: one {@link TrafficGenerator} on a background thread. */
public final class HttpTraffic implements TrafficPort {

  private final URI base;
  private final boolean correlate;
  private final String session;
  private TrafficGenerator generator;
  private Thread thread;

  public HttpTraffic(URI base, boolean correlate) {
    this(base, correlate, null);
  }

  /** Shoppers of a class session's run ({@code null}: of no session). */
  public HttpTraffic(URI base, boolean correlate, String session) {
    this.base = base;
    this.correlate = correlate;
    this.session = session;
  }

  @Override
  public synchronized void set(Scenario.Traffic traffic, long seed) {
    TrafficGenerator.Mix mix = mix(traffic.mix());
    if (generator == null) {
      generator =
          new TrafficGenerator(
                  base,
                  traffic.rate(),
                  mix == null ? new TrafficGenerator.Mix(70, 20, 10) : mix,
                  correlate,
                  Duration.ofMillis(300))
              .forSession(session);
      TrafficGenerator g = generator;
      thread =
          Thread.ofPlatform()
              .name("perfshop-traffic")
              .daemon()
              .start(() -> g.run(Duration.ofDays(1), seed, p -> {}));
    } else {
      generator.change(traffic.rate(), mix);
    }
  }

  @Override
  public synchronized void stop() {
    if (generator != null) {
      generator.stop();
      try {
        thread.join(Duration.ofSeconds(70));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      generator = null;
    }
  }

  private static TrafficGenerator.Mix mix(Scenario.Mix m) {
    if (m == null) {
      return null;
    }
    return new TrafficGenerator.Mix(
        m.browse() == null ? 0 : m.browse(),
        m.search() == null ? 0 : m.search(),
        m.checkout() == null ? 0 : m.checkout());
  }
}
