package dev.perfshop.server.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.chaos.ChaosHits;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shipping as the shop charges it, and what each level of wrong-shipping does to it. */
class ShippingRatesTests {

  static final BigDecimal FLAT = new BigDecimal("4.90");
  static final BigDecimal FREE_FROM = new BigDecimal("50.00");

  @AfterEach
  void clear() {
    ChaosHits.clear();
  }

  private static BigDecimal shipping(int lines, String subtotal) {
    return ShippingRates.shipping(lines, new BigDecimal(subtotal), FLAT, FREE_FROM);
  }

  @Test
  void withoutAHitShippingIsFreeFromTheThresholdAndFlatBelowIt() {
    assertThat(shipping(0, "0.00")).isEqualByComparingTo("0");
    assertThat(shipping(2, "49.99")).isEqualByComparingTo("4.90");
    assertThat(shipping(2, "50.00")).isEqualByComparingTo("0");
  }

  @Test
  void levelsOneAndTwoRaiseTheFreeShippingThreshold() {
    ChaosHits.hit("wrong-shipping", 1);
    assertThat(shipping(1, "54.99")).isEqualByComparingTo("4.90");
    assertThat(shipping(1, "55.00")).isEqualByComparingTo("0");
    ChaosHits.hit("wrong-shipping", 2);
    assertThat(shipping(1, "99.99")).isEqualByComparingTo("4.90");
  }

  @Test
  void levelThreeChargesTwiceAndLevelFourPerLine() {
    ChaosHits.hit("wrong-shipping", 3);
    assertThat(shipping(3, "20.00")).isEqualByComparingTo("9.80");
    ChaosHits.hit("wrong-shipping", 4);
    assertThat(shipping(3, "20.00")).isEqualByComparingTo("14.70");
    assertThat(shipping(3, "60.00")).as("still free above the threshold").isEqualByComparingTo("0");
  }

  @Test
  void levelFiveChargesTenTimesTheRateEvenAboveTheThreshold() {
    ChaosHits.hit("wrong-shipping", 5);
    assertThat(shipping(1, "80.00")).isEqualByComparingTo("49.00");
  }

  @Test
  void anEmptyCartNeverPaysShipping() {
    ChaosHits.hit("wrong-shipping", 5);
    assertThat(shipping(0, "0.00")).isEqualByComparingTo("0");
  }
}
