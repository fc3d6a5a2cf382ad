package dev.perfshop.server.cart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingTests {

  private final Pricing pricing =
      new Pricing(
          new PricingProperties(
              new BigDecimal("0.20"), new BigDecimal("4.90"), new BigDecimal("50.00"), "EUR"));

  private static Pricing.Line line(String price, int qty) {
    return new Pricing.Line(new BigDecimal(price), qty);
  }

  @Test
  void emptyCartCostsNothing() {
    var totals = pricing.totals(List.of());
    assertThat(totals.subtotal()).isEqualByComparingTo("0");
    assertThat(totals.shipping()).isEqualByComparingTo("0");
    assertThat(totals.total()).isEqualByComparingTo("0");
    assertThat(totals.total().scale()).isEqualTo(2);
  }

  @Test
  void taxIsRoundedOnceOnTheSubtotalNotPerLine() {
    // each line's tax is 0.004 (0.00 if rounded per line); on the subtotal 0.06 it is 0.012 -> 0.01
    var totals = pricing.totals(List.of(line("0.02", 1), line("0.02", 1), line("0.02", 1)));
    assertThat(totals.subtotal()).isEqualByComparingTo("0.06");
    assertThat(totals.tax()).isEqualByComparingTo("0.01");
  }

  @Test
  void taxRoundsHalfUp() {
    Pricing tenPercent =
        new Pricing(
            new PricingProperties(
                new BigDecimal("0.10"), new BigDecimal("4.90"), new BigDecimal("50.00"), "EUR"));
    // 0.25 x 10 % = 0.025: HALF_UP gives 0.03 (HALF_EVEN would give 0.02)
    assertThat(tenPercent.totals(List.of(line("0.25", 1))).tax()).isEqualByComparingTo("0.03");
    // 0.35 x 10 % = 0.035 -> 0.04
    assertThat(tenPercent.totals(List.of(line("0.35", 1))).tax()).isEqualByComparingTo("0.04");
  }

  @Test
  void shippingIsFlatUnderTheThresholdAndFreeFromIt() {
    var under = pricing.totals(List.of(line("49.99", 1)));
    assertThat(under.shipping()).isEqualByComparingTo("4.90");
    assertThat(under.tax()).isEqualByComparingTo("10.00"); // 9.998 -> 10.00
    assertThat(under.total()).isEqualByComparingTo("64.89");
    var at = pricing.totals(List.of(line("25.00", 2)));
    assertThat(at.shipping()).isEqualByComparingTo("0");
    assertThat(at.total()).isEqualByComparingTo("60.00");
  }

  @Test
  void lineTotalIsUnitPriceTimesQuantity() {
    assertThat(pricing.lineTotal(new BigDecimal("19.99"), 3)).isEqualByComparingTo("59.97");
  }
}
