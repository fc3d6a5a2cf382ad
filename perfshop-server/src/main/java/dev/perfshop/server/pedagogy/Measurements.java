package dev.perfshop.server.pedagogy;

import dev.perfshop.server.chaos.ChaosEngine;
import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.stats.RouteStats;
import dev.perfshop.server.stats.SessionStats;
import dev.perfshop.server.system.policy.Activation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.stereotype.Component;

/**
 * The server's own measurement behind a {@code measured} answer: a statistic of one route (the live
 * statistics students read at {@code /api/stats/routes}) over the window of the enigma's anomaly —
 * from its activation, at least {@value #MIN_WINDOW} s and at most {@value #MAX_WINDOW} s (what the
 * statistics keep). When the class session has traffic of its own (a scenario run for it sends
 * {@code X-Perfshop-Session}), the session's statistics and its own activation count, as the
 * student's page shows them; otherwise the whole server's.
 */
@Component
class Measurements {

  static final int MIN_WINDOW = 30;
  static final int MAX_WINDOW = 300;

  /** The statistics a measured answer may name, and the unit it is answered in. */
  static final Map<String, String> UNITS =
      Map.of("p50", "ms", "p95", "ms", "p99", "ms", "error-rate", "%", "throughput", "rps");

  private final RouteStats stats;
  private final SessionStats sessions;
  private final ChaosEngine chaos;
  private final Clock clock;

  Measurements(RouteStats stats, SessionStats sessions, ChaosEngine chaos, Clock clock) {
    this.stats = stats;
    this.sessions = sessions;
    this.chaos = chaos;
    this.clock = clock;
  }

  /** The window in seconds: since the earliest live activation of {@code anomalies}. */
  int window(List<String> anomalies) {
    return window(anomalies, null);
  }

  /** The same, counting the activations that act on {@code sessionId}'s traffic. */
  int window(List<String> anomalies, String sessionId) {
    Instant now = clock.instant();
    Optional<Instant> since =
        anomalies.stream()
            .map(ChaosType::byId)
            .flatMap(Optional::stream)
            .map(
                t ->
                    sessionId == null
                        ? chaos.plan().live(t, now)
                        : chaos.plan().liveFor(t, now, sessionId))
            .filter(a -> a != null)
            .map(Activation::activatedAt)
            .min(Instant::compareTo);
    long seconds = since.map(s -> Duration.between(s, now).toSeconds()).orElse((long) MAX_WINDOW);
    return (int) Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, seconds));
  }

  /**
   * {@code measure} is {@code "<statistic> <METHOD /route>"}; empty while the route had no request
   * in the window.
   */
  OptionalDouble measure(String measure, List<String> anomalies) {
    return measure(measure, anomalies, null);
  }

  /** The same for one class session: its own statistics when its traffic carries it. */
  OptionalDouble measure(String measure, List<String> anomalies, String sessionId) {
    int space = measure.indexOf(' ');
    String metric = measure.substring(0, space);
    String route = measure.substring(space + 1);
    RouteStats source = sessions.of(sessionId).orElse(stats);
    return source.summary(window(anomalies, sessionId)).stream()
        .filter(r -> r.count() > 0 && Routes.normalise(r.route()).orElse(r.route()).equals(route))
        .findFirst()
        .map(
            r ->
                OptionalDouble.of(
                    switch (metric) {
                      case "p50" -> r.p50();
                      case "p95" -> r.p95();
                      case "p99" -> r.p99();
                      case "error-rate" -> r.errorRate() * 100;
                      default -> r.throughput();
                    }))
        .orElse(OptionalDouble.empty());
  }
}
