package dev.perfshop.server.cart;

import dev.perfshop.server.system.Port;
import dev.perfshop.server.system.policy.BusinessRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one place where the shop computes money (cart totals and order totals both come from here).
 * Rounding rule, also in docs/api.md:
 *
 * <ul>
 *   <li>unit prices have two decimals; a line total is unit price × quantity, exact;
 *   <li>subtotal = sum of line totals, exact;
 *   <li>discount (a checkout coupon) = subtotal × the coupon's rate, rounded once to cents with
 *       HALF_UP; 0 without a coupon;
 *   <li>tax = (subtotal − discount) × tax rate, rounded once to cents with HALF_UP (never per
 *       line);
 *   <li>shipping = 0 for an empty cart, 0 from {@code freeShippingFrom} (on the subtotal), else the
 *       flat rate ({@link ShippingRates});
 *   <li>total = subtotal − discount + tax + shipping, exact. Every amount has scale 2.
 * </ul>
 *
 * A small bean on purpose: business anomalies (price-rounding, wrong-tax, total-mismatch,
 * double-discount, wrong-shipping) act here through the {@link BusinessRules} hooks (the identity
 * without chaos), and nothing else computes money.
 */
@Port
@Component
public class Pricing {

  public static final int SCALE = 2;
  public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

  /** One priced line: the unit price without tax and a quantity. */
  public record Line(BigDecimal unitPrice, int quantity) {}

  public record Totals(
      BigDecimal subtotal,
      BigDecimal discount,
      BigDecimal tax,
      BigDecimal shipping,
      BigDecimal total,
      String currency) {}

  private final PricingProperties properties;

  public Pricing(PricingProperties properties) {
    this.properties = properties;
  }

  public BigDecimal lineTotal(BigDecimal unitPrice, int quantity) {
    return cents(BusinessRules.unitPrice(unitPrice).multiply(BigDecimal.valueOf(quantity)));
  }

  public Totals totals(List<Line> lines) {
    return totals(lines, BigDecimal.ZERO);
  }

  /**
   * Totals with a discount: {@code discountRate} is the share of the subtotal taken off (0.10 for a
   * 10 % coupon). The discount never exceeds the subtotal.
   */
  public Totals totals(List<Line> lines, BigDecimal discountRate) {
    List<BigDecimal> lineTotals =
        lines.stream().map(l -> lineTotal(l.unitPrice(), l.quantity())).toList();
    BigDecimal subtotal = lineTotals.stream().reduce(cents(BigDecimal.ZERO), BigDecimal::add);
    BigDecimal discount = discount(subtotal, lineTotals, discountRate);
    BigDecimal taxed = subtotal.subtract(discount);
    BigDecimal tax =
        taxed.multiply(BusinessRules.taxRate(properties.taxRate())).setScale(SCALE, ROUNDING);
    BigDecimal shipping =
        ShippingRates.shipping(
            lines.size(), subtotal, properties.shippingFlat(), properties.freeShippingFrom());
    BigDecimal total =
        BusinessRules.reportedTotal(taxed.add(tax).add(shipping), subtotal, lineTotals, shipping);
    return new Totals(subtotal, discount, tax, shipping, total, properties.currency());
  }

  private static BigDecimal discount(
      BigDecimal subtotal, List<BigDecimal> lineTotals, BigDecimal rate) {
    if (rate.signum() == 0) {
      return cents(BigDecimal.ZERO);
    }
    BigDecimal once = subtotal.multiply(rate).setScale(SCALE, ROUNDING);
    BigDecimal discount = once.multiply(BigDecimal.valueOf(BusinessRules.discountApplications()));
    if (BusinessRules.discountPerLine()) {
      for (BigDecimal line : lineTotals) {
        discount = discount.add(line.multiply(rate).setScale(SCALE, ROUNDING));
      }
    }
    return discount.min(subtotal);
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(SCALE, ROUNDING);
  }
}
