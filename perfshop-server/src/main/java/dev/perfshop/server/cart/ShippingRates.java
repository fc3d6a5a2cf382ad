package dev.perfshop.server.cart;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyContext;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The shipping charge of a cart or an order: nothing for an empty cart, nothing from the
 * free-shipping threshold, else the flat rate. The wrong-shipping anomaly misapplies the threshold
 * or the rate here (numbers per level in the chaos catalogue).
 */
final class ShippingRates {

  private static final ChaosType WRONG_SHIPPING = ChaosType.of("wrong-shipping");
  private static final double[] THRESHOLD_FACTOR =
      WRONG_SHIPPING.optionalDoubles("thresholdFactor");
  private static final double[] RATE_FACTOR = WRONG_SHIPPING.optionalDoubles("rateFactor");

  private ShippingRates() {}

  static BigDecimal shipping(
      int lines, BigDecimal subtotal, BigDecimal flatRate, BigDecimal freeFrom) {
    if (lines == 0) {
      return cents(BigDecimal.ZERO);
    }
    Activation a = PolicyContext.hit(WRONG_SHIPPING);
    if (a == null) {
      return subtotal.compareTo(freeFrom) >= 0 ? cents(BigDecimal.ZERO) : cents(flatRate);
    }
    int i = a.level() - 1;
    return switch (a.level()) {
      case 1, 2 -> {
        BigDecimal threshold = freeFrom.multiply(BigDecimal.valueOf(THRESHOLD_FACTOR[i]));
        yield subtotal.compareTo(threshold) >= 0 ? cents(BigDecimal.ZERO) : cents(flatRate);
      }
      case 3 ->
          subtotal.compareTo(freeFrom) >= 0
              ? cents(BigDecimal.ZERO)
              : cents(flatRate.multiply(BigDecimal.valueOf(RATE_FACTOR[i])));
      case 4 ->
          subtotal.compareTo(freeFrom) >= 0
              ? cents(BigDecimal.ZERO)
              : cents(flatRate.multiply(BigDecimal.valueOf(lines)));
      default -> cents(flatRate.multiply(BigDecimal.valueOf(RATE_FACTOR[i])));
    };
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(Pricing.SCALE, RoundingMode.HALF_UP);
  }
}
