package dev.perfshop.server.cart;

import dev.perfshop.server.chaos.Activation;
import dev.perfshop.server.chaos.ChaosContext;
import dev.perfshop.server.chaos.ChaosType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The shipping charge of a cart or an order: nothing for an empty cart, nothing from the
 * free-shipping threshold, else the flat rate. The wrong-shipping anomaly misapplies the threshold
 * or the rate here (numbers per level in the chaos catalogue).
 */
final class ShippingRates {

  private static final ChaosType WRONG_SHIPPING = ChaosType.of("wrong-shipping");

  private ShippingRates() {}

  static BigDecimal shipping(
      int lines, BigDecimal subtotal, BigDecimal flatRate, BigDecimal freeFrom) {
    if (lines == 0) {
      return cents(BigDecimal.ZERO);
    }
    Activation a = ChaosContext.hit(WRONG_SHIPPING);
    if (a == null) {
      return subtotal.compareTo(freeFrom) >= 0 ? cents(BigDecimal.ZERO) : cents(flatRate);
    }
    var level = WRONG_SHIPPING.parameters(a.level());
    return switch (a.level()) {
      case 1, 2 -> {
        BigDecimal threshold =
            freeFrom.multiply(BigDecimal.valueOf(level.number("thresholdFactor")));
        yield subtotal.compareTo(threshold) >= 0 ? cents(BigDecimal.ZERO) : cents(flatRate);
      }
      case 3 ->
          subtotal.compareTo(freeFrom) >= 0
              ? cents(BigDecimal.ZERO)
              : cents(flatRate.multiply(BigDecimal.valueOf(level.number("rateFactor"))));
      case 4 ->
          subtotal.compareTo(freeFrom) >= 0
              ? cents(BigDecimal.ZERO)
              : cents(flatRate.multiply(BigDecimal.valueOf(lines)));
      default -> cents(flatRate.multiply(BigDecimal.valueOf(level.number("rateFactor"))));
    };
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(Pricing.SCALE, RoundingMode.HALF_UP);
  }
}
