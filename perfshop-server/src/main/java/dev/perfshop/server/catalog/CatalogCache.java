package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyDecider;
import dev.perfshop.server.system.policy.RequestPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * Fails the request with a real exception, thrown from a few frames down as a real bug would be;
 * the problem advice turns it into a 500 and logs it at ERROR with its stack trace.
 */
@Component
public class CatalogCache implements RequestPolicy {

  private static final ChaosType ERROR_RATE = ChaosType.of("error-rate");

  @Override
  public ChaosType type() {
    return ERROR_RATE;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    resolve(PolicyDecider.route(request));
  }

  private static void resolve(String route) {
    lookup(route, route.hashCode() & 0xff);
  }

  private static void lookup(String route, int slot) {
    throw new IllegalStateException(
        "cache slot " + slot + " holds a stale entry for " + route + " (entry version mismatch)");
  }
}
