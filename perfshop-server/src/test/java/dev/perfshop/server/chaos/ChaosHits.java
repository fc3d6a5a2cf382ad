package dev.perfshop.server.chaos;

import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyContext;
import dev.perfshop.server.system.policy.Scope;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * For tests of code that acts for a chaos type outside this package: makes one type at one level
 * hit the current thread's request, as the interceptor would, and clears it again.
 */
public final class ChaosHits {

  private ChaosHits() {}

  public static void hit(String type, int level) {
    PolicyContext.unbind();
    new PolicyContext(
            new Activation[] {
              ChaosDeciderTests.activation(ChaosType.of(type), level, 1, null, "/api/**", Scope.ALL)
            })
        .bind(new MockHttpServletRequest());
  }

  public static void clear() {
    PolicyContext.unbind();
  }
}
