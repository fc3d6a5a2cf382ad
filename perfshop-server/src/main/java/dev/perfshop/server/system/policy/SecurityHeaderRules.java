package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.SecurityHeadersFilter;
import dev.perfshop.server.system.SecurityHeadersPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * missing-security-headers (and stored-xss levels 4–5 on the review page): withholds security
 * headers. Runs in the headers filter, before the interceptor, so it draws for itself.
 */
@Component
class SecurityHeaderRules implements SecurityHeadersPolicy {

  private static final ChaosType MISSING_SECURITY_HEADERS =
      ChaosType.of("missing-security-headers");
  private static final ChaosType STORED_XSS = ChaosType.of("stored-xss");

  private static final List<String> ORDER =
      List.copyOf(
          SecurityHeadersFilter.HEADERS.keySet()); // Permissions, Referrer, nosniff, frame, CSP

  private final PolicyBoard board;
  private final PolicyDecider decider;
  private final Clock clock;

  SecurityHeaderRules(PolicyBoard board, PolicyDecider decider, Clock clock) {
    this.board = board;
    this.decider = decider;
    this.clock = clock;
  }

  @Override
  public Set<String> omitted(HttpServletRequest request) {
    PolicyPlan plan = board.plan();
    if (plan.isEmpty()) {
      return Set.of();
    }
    Instant now = clock.instant();
    Set<String> omitted = new HashSet<>();
    Activation missing = decider.applying(plan, MISSING_SECURITY_HEADERS, now, request);
    if (missing != null && decider.fires(missing)) {
      omitted.addAll(ORDER.subList(0, Math.min(ORDER.size(), missing.level())));
      board.acted(missing.type());
    }
    Activation xss = decider.applying(plan, STORED_XSS, now, request);
    if (xss != null && xss.level() >= 4) {
      omitted.add("Content-Security-Policy");
      if (xss.level() == 5) {
        omitted.add("X-Content-Type-Options");
        omitted.add("X-Frame-Options");
      }
    }
    return omitted;
  }
}
