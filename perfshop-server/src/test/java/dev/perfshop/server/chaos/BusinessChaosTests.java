package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.BusinessRules;
import dev.perfshop.server.system.policy.PolicyContext;
import dev.perfshop.server.system.policy.Scope;
import dev.perfshop.server.system.policy.ShopRules;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The business hooks at level 1 and 5, and the identity without a hit. (They act through HTTP once
 * pricing and checkout call them; see docs/chaos.md.)
 */
class BusinessChaosTests {

  static final BigDecimal PRICE = new BigDecimal("19.995");

  @AfterEach
  void unbind() {
    PolicyContext.unbind();
  }

  private static void hit(ChaosType type, int level) {
    PolicyContext.unbind();
    new PolicyContext(
            new Activation[] {
              ChaosDeciderTests.activation(type, level, 1, null, "/api/**", Scope.ALL)
            })
        .bind(new MockHttpServletRequest());
  }

  @Test
  void withoutAHitEveryHookIsTheIdentity() {
    assertThat(BusinessRules.unitPrice(PRICE)).isEqualTo(PRICE);
    assertThat(BusinessRules.taxRate(new BigDecimal("0.20"))).isEqualByComparingTo("0.20");
    assertThat(BusinessRules.discountApplications()).isEqualTo(1);
    assertThat(BusinessRules.skipStockCheck()).isFalse();
    assertThat(
            BusinessRules.reportedTotal(BigDecimal.TEN, BigDecimal.ONE, List.of(), BigDecimal.ONE))
        .isEqualTo(BigDecimal.TEN);
  }

  @Test
  void priceRoundingRoundsWronglyAtLevel1AndTruncatesToTheUnitAtLevel5() {
    hit(ChaosType.of("price-rounding"), 1);
    assertThat(BusinessRules.unitPrice(new BigDecimal("19.97"))).isEqualByComparingTo("19.95");
    hit(ChaosType.of("price-rounding"), 5);
    assertThat(BusinessRules.unitPrice(new BigDecimal("19.97"))).isEqualByComparingTo("10.00");
  }

  @Test
  void wrongTaxShiftsTheRateAtLevel1AndDropsItAtLevel5() {
    hit(ChaosType.of("wrong-tax"), 1);
    assertThat(BusinessRules.taxRate(new BigDecimal("0.20"))).isEqualByComparingTo("0.205");
    hit(ChaosType.of("wrong-tax"), 5);
    assertThat(BusinessRules.taxRate(new BigDecimal("0.20"))).isEqualByComparingTo("0");
  }

  @Test
  void slowDependencyWaitsAtLeastTheLevelsDelayAndEndsOnRelease() throws Exception {
    assertThat(timed(() -> ShopRules.dependencyCall("payment-gateway"))).isLessThan(200_000_000L);
    hit(ChaosType.of("slow-dependency"), 1);
    assertThat(timed(() -> ShopRules.dependencyCall("payment-gateway")))
        .isGreaterThanOrEqualTo(200_000_000L);
    Activation five =
        ChaosDeciderTests.activation(
            ChaosType.of("slow-dependency"), 5, 1, null, "/api/**", Scope.ALL);
    var waiting =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              new PolicyContext(new Activation[] {five}).bind(new MockHttpServletRequest());
              try {
                ShopRules.dependencyCall("payment-gateway");
              } finally {
                PolicyContext.unbind();
              }
            });
    Thread.sleep(100);
    assertThat(waiting).isNotDone();
    five.release();
    waiting.get(2, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static long timed(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return System.nanoTime() - start;
  }

  @Test
  void idorLevelIsZeroWithoutAHit() {
    assertThat(ShopRules.ownershipGap()).isZero();
    hit(ChaosType.of("idor"), 1);
    assertThat(ShopRules.ownershipGap()).isEqualTo(1);
    hit(ChaosType.of("idor"), 5);
    assertThat(ShopRules.ownershipGap()).isEqualTo(5);
  }

  @Test
  void doubleDiscountAndOversellAndTotalMismatch() {
    hit(ChaosType.of("double-discount"), 1);
    assertThat(BusinessRules.discountApplications()).isEqualTo(2);
    assertThat(BusinessRules.discountPerLine()).isFalse();
    hit(ChaosType.of("double-discount"), 5);
    assertThat(BusinessRules.discountPerLine()).isTrue();
    hit(ChaosType.of("oversell"), 1);
    assertThat(BusinessRules.skipStockCheck()).isTrue();
    assertThat(BusinessRules.skipStockDecrement()).isFalse();
    hit(ChaosType.of("oversell"), 5);
    assertThat(BusinessRules.skipStockDecrement()).isTrue();
    hit(ChaosType.of("total-mismatch"), 1);
    assertThat(
            BusinessRules.reportedTotal(BigDecimal.TEN, BigDecimal.ONE, List.of(), BigDecimal.ONE))
        .isEqualByComparingTo("10.01");
    hit(ChaosType.of("total-mismatch"), 5);
    assertThat(
            BusinessRules.reportedTotal(
                BigDecimal.TEN, new BigDecimal("8.00"), List.of(BigDecimal.TEN), BigDecimal.ONE))
        .isEqualByComparingTo("8.00");
  }
}
