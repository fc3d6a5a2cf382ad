package dev.perfshop.server.stats;

import dev.perfshop.server.pedagogy.SessionLookup;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.util.function.SingletonSupplier;
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
  private final SessionStats sessions;
  private final SingletonSupplier<SessionLookup> lookup;

  StatsController(RouteStats stats, SessionStats sessions, ObjectProvider<SessionLookup> lookup) {
    this.stats = stats;
    this.sessions = sessions;
    this.lookup = SingletonSupplier.ofNullable(lookup::getIfAvailable);
  }

  /**
   * The whole server's routes, or one class session's when it has traffic of its own: the session
   * named by {@code ?session=}, else the one of the request (the student page sends its agent
   * code). {@code session} in the answer says which.
   */
  @GetMapping(
      path = {"/api/stats/routes", "/api/admin/stats"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  Summary summary(
      @RequestParam(name = "window", defaultValue = "60") int window,
      @RequestParam(name = "session", required = false) String session,
      HttpServletRequest request) {
    check(window);
    Optional<String> id = session(session, request);
    RouteStats source = id.flatMap(sessions::of).orElse(null);
    return source == null
        ? new Summary(window, null, stats.summary(window))
        : new Summary(window, id.get(), source.summary(window));
  }

  @GetMapping(path = "/api/stats/series", produces = MediaType.APPLICATION_JSON_VALUE)
  Series series(
      @RequestParam(name = "window", defaultValue = "300") int window,
      @RequestParam(name = "session", required = false) String session,
      HttpServletRequest request) {
    check(window);
    Optional<String> id = session(session, request);
    RouteStats source = id.flatMap(sessions::of).orElse(null);
    return source == null
        ? new Series(window, RouteStats.SLOT_SECONDS, null, stats.series(window))
        : new Series(window, RouteStats.SLOT_SECONDS, id.get(), source.series(window));
  }

  private Optional<String> session(String named, HttpServletRequest request) {
    SessionLookup l = lookup.get();
    if (l == null) {
      return Optional.empty();
    }
    if (named != null) {
      if (!l.isLive(named)) {
        throw new ApiException(
            ProblemType.VALIDATION, "session names no live class session (its id, digits)");
      }
      return Optional.of(named);
    }
    return l.ofRequest(request);
  }

  private static void check(int window) {
    if (window < RouteStats.SLOT_SECONDS || window > MAX_WINDOW) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "window must be between " + RouteStats.SLOT_SECONDS + " and " + MAX_WINDOW + " seconds");
    }
  }

  /** {@code session}: the class session whose own traffic this is; null for the whole server. */
  record Summary(
      int windowSeconds, @Nullable String session, List<RouteStats.RouteSummary> routes) {}

  record Series(
      int windowSeconds,
      int slotSeconds,
      @Nullable String session,
      List<RouteStats.RoutePoint> points) {}
}
