package dev.perfshop.server.pedagogy;

import dev.perfshop.server.chaos.ChaosEngine;
import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether an enigma can be answered now: its anomaly must be running for the student's class, and a
 * measured answer needs the server's measurement of this session's window.
 */
@Component
class EnigmaGate {

  private final ChaosEngine chaos;
  private final Measurements measurements;
  private final Clock clock;

  EnigmaGate(ChaosEngine chaos, Measurements measurements, Clock clock) {
    this.chaos = chaos;
    this.measurements = measurements;
    this.clock = clock;
  }

  /**
   * An enigma is a diagnosis of a running anomaly: while none of its anomalies is live (a library
   * loaded before the instructor enabled the chaos, a scenario not started yet or over), an answer
   * is refused with a 409 and costs nothing.
   */
  void requireLive(EnigmaRow e) {
    if (!live(e)) {
      throw new ApiException(
          ProblemType.CONFLICT,
          "enigma "
              + e.key()
              + " is about an anomaly that is not running ("
              + String.join(" or ", e.anomalies())
              + "): wait until your instructor starts it; this answer was not checked",
          Map.of("reason", "anomaly-off", "anomalies", e.anomalies()));
    }
  }

  /** The server's measurement behind a measured answer (409 while the route has no traffic). */
  double measured(EnigmaRow e) {
    String measure = e.answer().measure();
    return measurements
        .measure(measure, e.anomalies(), Long.toString(e.sessionId()))
        .orElseThrow(
            () ->
                new ApiException(
                    ProblemType.CONFLICT,
                    "no request of "
                        + measure.substring(measure.indexOf(' ') + 1)
                        + " was measured yet; this answer was not checked",
                    Map.of("reason", "not-measured")));
  }

  boolean live(EnigmaRow e) {
    if (e.anomalies().isEmpty()) {
      return true;
    }
    var now = clock.instant();
    var plan = chaos.plan();
    return e.anomalies().stream()
        .map(ChaosType::byId)
        .flatMap(Optional::stream)
        // the session's own activation (a scenario run for this class), or an unscoped one
        .anyMatch(t -> plan.liveFor(t, now, Long.toString(e.sessionId())) != null);
  }
}
