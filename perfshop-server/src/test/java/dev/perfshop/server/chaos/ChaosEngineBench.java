package dev.perfshop.server.chaos;

import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyDecider;
import dev.perfshop.server.system.policy.PolicyPlan;
import dev.perfshop.server.system.policy.RandomSource;
import dev.perfshop.server.system.policy.Scope;
import dev.perfshop.server.system.policy.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Benchmarks, not tests: run only by {@code bench/chaos/run} (the name matches no surefire
 * include). Prints figures and asserts nothing.
 *
 * <ul>
 *   <li>injected latency accuracy of the real sleeper at 10 ms, 100 ms and 1 s: error = woke −
 *       deadline (never negative by construction), p50 / p99 / max;
 *   <li>cost of the per-request decision with nothing active and with one activation on another
 *       route (a plain timing loop with warm-up, not JMH).
 * </ul>
 */
class ChaosEngineBench {

  @Test
  void latencyAccuracy() {
    Activation a =
        ChaosDeciderTests.activation(ChaosType.of("latency"), 1, 1, null, "/api/**", Scope.ALL);
    int[] samples = {400, 200, 20};
    long[] millis = {10, 100, 1000};
    for (int k = 0; k < millis.length; k++) {
      long requested = Duration.ofMillis(millis[k]).toNanos();
      long[] errors = new long[samples[k]];
      for (int i = 0; i < errors.length; i++) {
        long deadline = System.nanoTime() + requested;
        Waiter.REAL.sleepUntil(deadline, a);
        errors[i] = System.nanoTime() - deadline;
      }
      Arrays.sort(errors);
      System.out.printf(
          "BENCH latency %5d ms  n=%d  min=%.3f ms  p50=%.3f ms  p99=%.3f ms  max=%.3f ms%n",
          millis[k],
          errors.length,
          errors[0] / 1e6,
          errors[errors.length / 2] / 1e6,
          errors[(int) Math.min(errors.length - 1, Math.ceil(errors.length * 0.99) - 1)] / 1e6,
          errors[errors.length - 1] / 1e6);
    }
  }

  @Test
  void decisionCost() {
    PolicyDecider decider = new PolicyDecider(RandomSource.threadLocal(), SafetyMode.LOCKED);
    Instant now = ChaosDeciderTests.NOW;
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/products");
    PolicyPlan empty = PolicyPlan.EMPTY;
    PolicyPlan other =
        PolicyPlan.EMPTY.with(
            ChaosDeciderTests.activation(
                ChaosType.of("latency"), 3, 1, null, "/api/orders/**", Scope.ALL));
    for (String name : new String[] {"nothing active", "activation on another route"}) {
      PolicyPlan plan = name.startsWith("nothing") ? empty : other;
      long sink = 0;
      for (int i = 0; i < 2_000_000; i++) {
        sink += plan.isEmpty() ? 0 : decider.decide(plan, now, request).length;
      }
      int n = 5_000_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += plan.isEmpty() ? 0 : decider.decide(plan, now, request).length;
      }
      double ns = (System.nanoTime() - start) / (double) n;
      System.out.printf("BENCH decision (%s): %.1f ns/request (sink %d)%n", name, ns, sink);
    }
  }
}
