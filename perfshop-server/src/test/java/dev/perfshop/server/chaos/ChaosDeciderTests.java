package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyDecider;
import dev.perfshop.server.system.policy.PolicyPlan;
import dev.perfshop.server.system.policy.RandomSource;
import dev.perfshop.server.system.policy.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.pattern.PathPatternParser;

class ChaosDeciderTests {

  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  static Activation activation(
      ChaosType type, double probability, Integer every, String route, Scope scope) {
    return activation(type, 3, probability, every, route, scope);
  }

  static Activation activation(
      ChaosType type, int level, double probability, Integer every, String route, Scope scope) {
    return new Activation(
        type,
        level,
        probability,
        every,
        List.of(route),
        List.of(PathPatternParser.defaultInstance.parse(route)),
        scope,
        NOW,
        NOW.plus(Duration.ofMinutes(15)),
        null,
        "test");
  }

  static MockHttpServletRequest get(String uri) {
    return new MockHttpServletRequest("GET", uri);
  }

  private static PolicyPlan plan(Activation... activations) {
    PolicyPlan plan = PolicyPlan.EMPTY;
    for (Activation a : activations) {
      plan = plan.with(a);
    }
    return plan;
  }

  @Test
  void injectionRateStaysInsideThe99PercentBinomialIntervalOver10000Requests() {
    // seeded, so the test is reproducible (an unseeded run would fail 1 % of the time by design)
    PolicyDecider decider = new PolicyDecider(RandomSource.seeded(20260302), SafetyMode.LOCKED);
    for (double p : new double[] {0.02, 0.3, 0.75}) {
      PolicyPlan plan = plan(activation(ChaosType.of("error-rate"), p, null, "/api/**", Scope.ALL));
      int n = 10_000;
      int hits = 0;
      for (int i = 0; i < n; i++) {
        hits += decider.decide(plan, NOW, get("/api/products")).length;
      }
      double sigma = Math.sqrt(n * p * (1 - p));
      assertThat((double) hits)
          .as("p=" + p)
          .isBetween(n * p - 2.576 * sigma, n * p + 2.576 * sigma);
    }
  }

  @Test
  void aSeededRandomSourceMakesDecisionsReproducible() {
    PolicyPlan plan = plan(activation(ChaosType.of("error-rate"), 0.5, null, "/api/**", Scope.ALL));
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    PolicyDecider a = new PolicyDecider(RandomSource.seeded(42), SafetyMode.LOCKED);
    PolicyDecider b = new PolicyDecider(RandomSource.seeded(42), SafetyMode.LOCKED);
    for (int i = 0; i < 200; i++) {
      first.append(a.decide(plan, NOW, get("/api/x")).length);
      second.append(b.decide(plan, NOW, get("/api/x")).length);
    }
    assertThat(first.toString()).isEqualTo(second.toString()).contains("0", "1");
  }

  @Test
  void onlyLiveActivationsOnMatchingRoutesAndInScopeFire() {
    PolicyDecider decider = new PolicyDecider(() -> 0.0, SafetyMode.LOCKED);
    Activation products =
        activation(ChaosType.of("latency"), 1, null, "/api/products/**", Scope.ALL);
    Activation agent =
        activation(
            ChaosType.of("error-rate"), 1, null, "/api/**", new Scope(Scope.Kind.AGENT, "A7"));
    PolicyPlan plan = plan(products, agent);
    assertThat(decider.decide(plan, NOW, get("/api/categories"))).isEmpty();
    assertThat(decider.decide(plan, NOW, get("/api/products/3"))).containsExactly(products);
    MockHttpServletRequest withAgent = get("/api/products/3");
    withAgent.addHeader("X-Perfshop-Agent", "A7");
    assertThat(decider.decide(plan, NOW, withAgent)).containsExactly(products, agent);
    assertThat(decider.decide(plan, NOW.plus(Duration.ofMinutes(15)), withAgent))
        .as("expired at expiresAt")
        .isEmpty();
  }

  @Test
  void securityTypesNeverFireWhileLockedEvenIfPresent() {
    Activation sqli = activation(ChaosType.of("sql-injection"), 1, null, "/api/**", Scope.ALL);
    assertThat(
            new PolicyDecider(() -> 0.0, SafetyMode.LOCKED)
                .decide(plan(sqli), NOW, get("/api/products")))
        .isEmpty();
    assertThat(
            new PolicyDecider(() -> 0.0, SafetyMode.LOOPBACK)
                .decide(plan(sqli), NOW, get("/api/products")))
        .containsExactly(sqli);
  }

  @Test
  void everyNthModeCountsMatchingRequestsOnly() {
    PolicyDecider decider = new PolicyDecider(() -> 0.99, SafetyMode.LOCKED);
    PolicyPlan plan =
        plan(activation(ChaosType.of("error-rate"), 0, 4, "/api/products", Scope.ALL));
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      decider.decide(plan, NOW, get("/api/categories"));
      pattern.append(decider.decide(plan, NOW, get("/api/products")).length);
    }
    assertThat(pattern.toString()).isEqualTo("00010001");
  }

  @Test
  void safetyModeIsLockedUnlessLoopbackOrExplicitlyUnsafe() {
    assertThat(SafetyMode.of(null, false)).isEqualTo(SafetyMode.LOCKED);
    assertThat(SafetyMode.of("0.0.0.0", false)).isEqualTo(SafetyMode.LOCKED);
    assertThat(SafetyMode.of("127.0.0.1", false)).isEqualTo(SafetyMode.LOOPBACK);
    assertThat(SafetyMode.of("::1", false)).isEqualTo(SafetyMode.LOOPBACK);
    assertThat(SafetyMode.of("0.0.0.0", true)).isEqualTo(SafetyMode.UNSAFE_LAB);
  }
}
