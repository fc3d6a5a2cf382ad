package dev.perfshop.server.stats;

import dev.perfshop.server.pedagogy.SessionLookup;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every shop API request and records it under its route template ({@code GET
 * /api/products/{id}}, never the raw URI, so cardinality stays bounded). Admin, stats and licence
 * routes are not shop traffic and are left out, and so are the student page's own calls (its
 * polling of {@code /api/student/**} and {@code /api/stats/**}, and the 401 of {@code /api/auth/me}
 * that asks "am I signed in?"): thirty students polling would otherwise be the busiest route. It
 * wraps everything after the request id, so the time includes the licence gate and any injected
 * chaos — what a client really waits. A request that names a live class session (the scenario run's
 * shoppers do) is also recorded in that session's statistics.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class StatsFilter extends OncePerRequestFilter {

  private static final String ME = "/api/auth/me";

  private final RouteStats stats;
  private final SessionStats sessions;
  // resolved on first use and kept: ObjectProvider.getIfAvailable matches every bean definition
  // by type on each call (with the look-ups of SecurityHeadersFilter and of the SQL observation,
  // 6 % of the server's samples under a class's load, bench/README.md)
  private final SingletonSupplier<SessionLookup> lookup;

  StatsFilter(RouteStats stats, SessionStats sessions, ObjectProvider<SessionLookup> lookup) {
    this.stats = stats;
    this.sessions = sessions;
    this.lookup = SingletonSupplier.ofNullable(lookup::getIfAvailable);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return !uri.startsWith("/api/")
        || uri.startsWith("/api/admin/")
        || uri.startsWith("/api/stats")
        || uri.startsWith("/api/student/")
        || uri.startsWith("/api/license/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    int status = 500;
    try {
      chain.doFilter(request, response);
      status = response.getStatus();
    } finally {
      if (status != 401 || !ME.equals(request.getRequestURI())) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = request.getMethod() + " " + (pattern == null ? "(unmatched)" : pattern);
        long nanos = System.nanoTime() - start;
        stats.record(route, nanos, status);
        SessionLookup l = lookup.get();
        if (l != null) {
          int code = status;
          // only traffic that names its session (a scenario run's shoppers): a student's own clicks
          // alone would otherwise replace the class's view with a handful of requests
          l.named(request).ifPresent(s -> sessions.record(s, route, nanos, code));
        }
      }
    }
  }
}
