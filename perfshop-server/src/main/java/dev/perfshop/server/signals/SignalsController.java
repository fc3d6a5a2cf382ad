package dev.perfshop.server.signals;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The student's signals, public like {@code /api/stats/**}: what anyone in the classroom could read
 * from the server's own instruments. Nothing here names active chaos.
 */
@RestController
class SignalsController {

  static final int MIN_WINDOW = 60;
  static final int MAX_WINDOW = MetricsHistory.STEP_SECONDS * MetricsHistory.CAPACITY;

  private final MetricsHistory metrics;

  SignalsController(MetricsHistory metrics) {
    this.metrics = metrics;
  }

  @GetMapping(path = "/api/stats/signals/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
  Metrics metrics(@RequestParam(name = "window", defaultValue = "300") int window) {
    if (window < MIN_WINDOW || window > MAX_WINDOW) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "window must be between " + MIN_WINDOW + " and " + MAX_WINDOW + " seconds");
    }
    return new Metrics(
        window, MetricsHistory.STEP_SECONDS, metrics.oldest(), metrics.since(window));
  }

  /** {@code oldest}: epoch second of the oldest sample the server still has (-1: none yet). */
  record Metrics(int windowSeconds, int stepSeconds, long oldest, List<MetricSample> samples) {}
}
