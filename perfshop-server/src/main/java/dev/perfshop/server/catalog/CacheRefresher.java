package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyDecider;
import dev.perfshop.server.system.policy.RequestPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** log-flood: bursts of repetitive WARN lines, as a retry loop gone wrong would write. */
@Component
class CacheRefresher implements RequestPolicy {

  private static final ChaosType LOG_FLOOD = ChaosType.of("log-flood");

  private static final Logger log = LoggerFactory.getLogger("dev.perfshop.server.cache.Refresher");
  private static final long[] LINES = LOG_FLOOD.longs("lines");

  @Override
  public ChaosType type() {
    return LOG_FLOOD;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    String route = PolicyDecider.route(request);
    int lines = (int) LINES[a.level() - 1];
    for (int i = 1; i <= lines && !a.released(); i++) {
      log.warn("cache refresh for {} did not converge, retrying (attempt {}/{})", route, i, lines);
    }
  }
}
