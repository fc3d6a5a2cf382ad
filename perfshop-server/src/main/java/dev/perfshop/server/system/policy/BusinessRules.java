package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.Port;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The hooks through which pricing and checkout suffer the business family. Each method is the
 * identity unless its anomaly hits the current request, so the shop calls them unconditionally at
 * the named points. Static so that the shop needs no dependency injection for them.
 */
@Port
public final class BusinessRules {

  private static final ChaosType DOUBLE_DISCOUNT = ChaosType.of("double-discount");
  private static final ChaosType OVERSELL = ChaosType.of("oversell");
  private static final ChaosType PRICE_ROUNDING = ChaosType.of("price-rounding");
  private static final ChaosType TOTAL_MISMATCH = ChaosType.of("total-mismatch");
  private static final ChaosType WRONG_TAX = ChaosType.of("wrong-tax");

  private BusinessRules() {}

  /** price-rounding: the unit price of a line as pricing should use it (2 decimals). */
  public static BigDecimal unitPrice(BigDecimal price) {
    Activation a = PolicyContext.hit(PRICE_ROUNDING);
    if (a == null) {
      return price;
    }
    return switch (a.level()) {
      case 1 -> roundTo(price, "0.05", RoundingMode.HALF_UP);
      case 2 -> roundTo(price, "0.10", RoundingMode.DOWN);
      case 3 -> roundTo(price, "1", RoundingMode.HALF_UP);
      case 4 -> roundTo(price, "1", RoundingMode.DOWN);
      default -> roundTo(price, "10", RoundingMode.DOWN);
    };
  }

  private static BigDecimal roundTo(BigDecimal price, String step, RoundingMode mode) {
    BigDecimal unit = new BigDecimal(step);
    return price.divide(unit, 0, mode).multiply(unit).setScale(2, RoundingMode.UNNECESSARY);
  }

  /** wrong-tax: the tax rate pricing should apply (e.g. 0.20 for 20 %). */
  public static BigDecimal taxRate(BigDecimal rate) {
    Activation a = PolicyContext.hit(WRONG_TAX);
    if (a == null) {
      return rate;
    }
    return switch (a.level()) {
      case 1 -> rate.add(new BigDecimal("0.005"));
      case 2 -> rate.add(new BigDecimal("0.01"));
      case 3 -> rate.divide(BigDecimal.TWO);
      case 4 -> rate.add(rate);
      default -> BigDecimal.ZERO;
    };
  }

  /** double-discount: how many times an order-level discount is applied (normally 1). */
  public static int discountApplications() {
    return PolicyContext.hit(DOUBLE_DISCOUNT) == null ? 1 : 2;
  }

  /** double-discount level 5: whether each line also gets the discount. */
  public static boolean discountPerLine() {
    Activation a = PolicyContext.hit(DOUBLE_DISCOUNT);
    return a != null && a.level() == 5;
  }

  /** oversell: whether checkout skips its stock check (normally false). */
  public static boolean skipStockCheck() {
    return PolicyContext.hit(OVERSELL) != null;
  }

  /** oversell level 5: whether checkout also skips decrementing the stock. */
  public static boolean skipStockDecrement() {
    Activation a = PolicyContext.hit(OVERSELL);
    return a != null && a.level() == 5;
  }

  /**
   * total-mismatch: the total pricing reports, given the correct total, the subtotal, the line
   * totals and the shipping.
   */
  public static BigDecimal reportedTotal(
      BigDecimal total, BigDecimal subtotal, List<BigDecimal> lineTotals, BigDecimal shipping) {
    Activation a = PolicyContext.hit(TOTAL_MISMATCH);
    if (a == null) {
      return total;
    }
    return switch (a.level()) {
      case 1, 2 -> total.add(new BigDecimal("0.01"));
      case 3 -> total.add(shipping);
      case 4 -> lineTotals.isEmpty() ? total : total.subtract(lineTotals.getLast());
      default -> subtotal;
    };
  }
}
