package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

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
    ChaosContext.unbind();
  }

  private static void hit(ChaosType type, int level) {
    ChaosContext.unbind();
    new ChaosContext(
            new Activation[] {
              ChaosDeciderTests.activation(type, level, 1, null, "/api/**", Scope.ALL)
            })
        .bind(new MockHttpServletRequest());
  }

  @Test
  void withoutAHitEveryHookIsTheIdentity() {
    assertThat(BusinessChaos.unitPrice(PRICE)).isEqualTo(PRICE);
    assertThat(BusinessChaos.taxRate(new BigDecimal("0.20"))).isEqualByComparingTo("0.20");
    assertThat(BusinessChaos.discountApplications()).isEqualTo(1);
    assertThat(BusinessChaos.skipStockCheck()).isFalse();
    assertThat(
            BusinessChaos.reportedTotal(BigDecimal.TEN, BigDecimal.ONE, List.of(), BigDecimal.ONE))
        .isEqualTo(BigDecimal.TEN);
  }

  @Test
  void priceRoundingRoundsWronglyAtLevel1AndTruncatesToTheUnitAtLevel5() {
    hit(ChaosType.PRICE_ROUNDING, 1);
    assertThat(BusinessChaos.unitPrice(new BigDecimal("19.97"))).isEqualByComparingTo("19.95");
    hit(ChaosType.PRICE_ROUNDING, 5);
    assertThat(BusinessChaos.unitPrice(new BigDecimal("19.97"))).isEqualByComparingTo("10.00");
  }

  @Test
  void wrongTaxShiftsTheRateAtLevel1AndDropsItAtLevel5() {
    hit(ChaosType.WRONG_TAX, 1);
    assertThat(BusinessChaos.taxRate(new BigDecimal("0.20"))).isEqualByComparingTo("0.205");
    hit(ChaosType.WRONG_TAX, 5);
    assertThat(BusinessChaos.taxRate(new BigDecimal("0.20"))).isEqualByComparingTo("0");
  }

  @Test
  void slowDependencyWaitsAtLeastTheLevelsDelayAndEndsOnRelease() throws Exception {
    assertThat(timed(() -> ShopChaos.dependencyCall("payment-gateway"))).isLessThan(200_000_000L);
    hit(ChaosType.SLOW_DEPENDENCY, 1);
    assertThat(timed(() -> ShopChaos.dependencyCall("payment-gateway")))
        .isGreaterThanOrEqualTo(200_000_000L);
    Activation five =
        ChaosDeciderTests.activation(ChaosType.SLOW_DEPENDENCY, 5, 1, null, "/api/**", Scope.ALL);
    var waiting =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              new ChaosContext(new Activation[] {five}).bind(new MockHttpServletRequest());
              try {
                ShopChaos.dependencyCall("payment-gateway");
              } finally {
                ChaosContext.unbind();
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
    assertThat(ShopChaos.idorLevel()).isZero();
    hit(ChaosType.IDOR, 1);
    assertThat(ShopChaos.idorLevel()).isEqualTo(1);
    hit(ChaosType.IDOR, 5);
    assertThat(ShopChaos.idorLevel()).isEqualTo(5);
  }

  @Test
  void doubleDiscountAndOversellAndTotalMismatch() {
    hit(ChaosType.DOUBLE_DISCOUNT, 1);
    assertThat(BusinessChaos.discountApplications()).isEqualTo(2);
    assertThat(BusinessChaos.discountPerLine()).isFalse();
    hit(ChaosType.DOUBLE_DISCOUNT, 5);
    assertThat(BusinessChaos.discountPerLine()).isTrue();
    hit(ChaosType.OVERSELL, 1);
    assertThat(BusinessChaos.skipStockCheck()).isTrue();
    assertThat(BusinessChaos.skipStockDecrement()).isFalse();
    hit(ChaosType.OVERSELL, 5);
    assertThat(BusinessChaos.skipStockDecrement()).isTrue();
    hit(ChaosType.TOTAL_MISMATCH, 1);
    assertThat(
            BusinessChaos.reportedTotal(BigDecimal.TEN, BigDecimal.ONE, List.of(), BigDecimal.ONE))
        .isEqualByComparingTo("10.01");
    hit(ChaosType.TOTAL_MISMATCH, 5);
    assertThat(
            BusinessChaos.reportedTotal(
                BigDecimal.TEN, new BigDecimal("8.00"), List.of(BigDecimal.TEN), BigDecimal.ONE))
        .isEqualByComparingTo("8.00");
  }
}
