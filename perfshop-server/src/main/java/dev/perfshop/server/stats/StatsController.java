package dev.perfshop.server.stats;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live per-route statistics. {@code /api/stats/**} feeds the student's live charts (what a student
 * could also read from Prometheus); {@code /api/admin/stats} is the instructor's and the scenario
 * runner's view of the same numbers. Neither says anything about active chaos.
 */
@RestController
class StatsController {

  static final int MAX_WINDOW = RouteStats.SLOT_SECONDS * RouteStats.SLOTS;

  private final RouteStats stats;

  StatsController(RouteStats stats) {
    this.stats = stats;
  }

  @GetMapping(
      path = {"/api/stats/routes", "/api/admin/stats"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  Summary summary(@RequestParam(name = "window", defaultValue = "60") int window) {
    check(window);
    return new Summary(window, stats.summary(window));
  }

  @GetMapping(path = "/api/stats/series", produces = MediaType.APPLICATION_JSON_VALUE)
  Series series(@RequestParam(name = "window", defaultValue = "300") int window) {
    check(window);
    return new Series(window, RouteStats.SLOT_SECONDS, stats.series(window));
  }

  private static void check(int window) {
    if (window < RouteStats.SLOT_SECONDS || window > MAX_WINDOW) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "window must be between " + RouteStats.SLOT_SECONDS + " and " + MAX_WINDOW + " seconds");
    }
  }

  record Summary(int windowSeconds, List<RouteStats.RouteSummary> routes) {}

  record Series(int windowSeconds, int slotSeconds, List<RouteStats.RoutePoint> points) {}
}
