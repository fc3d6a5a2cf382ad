package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.catalog.CatalogCache;
import dev.perfshop.server.catalog.PriceServiceClient;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyBoard;
import dev.perfshop.server.system.policy.PolicyContext;
import dev.perfshop.server.system.policy.PolicyDecider;
import dev.perfshop.server.system.policy.PolicyPlan;
import dev.perfshop.server.system.policy.RequestPolicyInterceptor;
import dev.perfshop.server.system.policy.Scope;
import dev.perfshop.server.system.policy.Waiter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ChaosSeamsTests {

  static Activation latency(int level) {
    return ChaosDeciderTests.activation(
        ChaosType.of("latency"), level, 1, null, "/api/**", Scope.ALL);
  }

  @Test
  void latencyDelaysStayInsideTheLevelsJitterAndUnderTheCap() {
    assertThat(PriceServiceClient.delayNanos(1, 0.0)).isEqualTo(Duration.ofMillis(80).toNanos());
    assertThat(PriceServiceClient.delayNanos(1, 0.5)).isEqualTo(Duration.ofMillis(100).toNanos());
    assertThat(PriceServiceClient.delayNanos(5, 0.999_999))
        .isLessThanOrEqualTo(Duration.ofMillis(6500).toNanos());
    for (int level = 1; level <= 5; level++) {
      assertThat(PriceServiceClient.delayNanos(level, 0.999_999))
          .isLessThanOrEqualTo(PriceServiceClient.CAP_NANOS);
    }
  }

  @Test
  void theRealSleeperNeverReturnsBeforeItsDeadline() {
    Activation a = latency(1);
    for (int i = 0; i < 20; i++) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3);
      assertThat(Waiter.REAL.sleepUntil(deadline, a)).isTrue();
      assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
    }
  }

  @Test
  void aReleasedActivationWakesItsSleepersAtOnce() throws Exception {
    Activation a = latency(5);
    CompletableFuture<Boolean> sleeping =
        CompletableFuture.supplyAsync(
            () -> Waiter.REAL.sleepUntil(System.nanoTime() + Duration.ofMinutes(5).toNanos(), a));
    Thread.sleep(50);
    a.release();
    assertThat(sleeping.get(5, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void theLatencyPolicyAsksTheWaiterForTheDrawnDelay() {
    long[] asked = new long[1];
    Waiter recording =
        (deadline, activation) -> {
          asked[0] = deadline - System.nanoTime();
          return true;
        };
    new PriceServiceClient(recording, () -> 0.5)
        .apply(latency(1), new MockHttpServletRequest(), new MockHttpServletResponse());
    assertThat(asked[0])
        .isBetween(Duration.ofMillis(99).toNanos(), Duration.ofMillis(100).toNanos());
  }

  @Test
  void aPlanIsImmutableAndEveryChangeMakesANewGeneration() {
    Activation a = latency(1);
    PolicyPlan empty = PolicyPlan.EMPTY;
    PolicyPlan one = empty.with(a);
    assertThat(empty.isEmpty()).isTrue();
    assertThat(one.get(ChaosType.of("latency"))).isSameAs(a);
    assertThat(one.without(ChaosType.of("latency")).isEmpty()).isTrue();
    assertThat(one.get(ChaosType.of("latency"))).isSameAs(a);
    assertThat(one.generation()).isGreaterThan(empty.generation());
  }

  @Test
  void theInterceptorInjectsNothingBeforeTheApplicationIsReady() throws Exception {
    PolicyPlan plan =
        PolicyPlan.EMPTY.with(
            ChaosDeciderTests.activation(
                ChaosType.of("error-rate"), 1, null, "/api/**", Scope.ALL));
    int[] decisions = new int[1];
    PolicyDecider decider =
        new PolicyDecider(() -> 0.0, SafetyMode.LOCKED) {
          @Override
          public Activation[] decide(
              PolicyPlan p, java.time.Instant now, jakarta.servlet.http.HttpServletRequest r) {
            decisions[0]++;
            return super.decide(p, now, r);
          }
        };
    PolicyBoard board = new PolicyBoard();
    board.swap(plan);
    RequestPolicyInterceptor interceptor =
        new RequestPolicyInterceptor(
            board,
            decider,
            java.util.List.of(new CatalogCache()),
            java.time.Clock.fixed(ChaosDeciderTests.NOW, java.time.ZoneOffset.UTC));
    var request = new MockHttpServletRequest("GET", "/api/products");
    assertThat(interceptor.preHandle(request, new MockHttpServletResponse(), new Object()))
        .isTrue();
    assertThat(decisions[0]).isZero();
    interceptor.ready();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> interceptor.preHandle(request, new MockHttpServletResponse(), new Object()))
        .isInstanceOf(IllegalStateException.class);
    PolicyContext.unbind();
  }
}
