package dev.perfshop.server.cart;

import dev.perfshop.server.chaos.BusinessChaos;
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
 *   <li>tax = subtotal × tax rate, rounded once to cents with HALF_UP (never per line);
 *   <li>shipping = 0 for an empty cart, 0 from {@code freeShippingFrom}, else the flat rate;
 *   <li>total = subtotal + tax + shipping, exact. Every amount has scale 2.
 * </ul>
 *
 * A small bean on purpose: business anomalies (price-rounding, wrong-tax, total-mismatch) act here
 * through the {@link BusinessChaos} hooks (the identity without chaos), and nothing else computes
 * money.
 */
@Component
public class Pricing {

  public static final int SCALE = 2;
  public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

  /** One priced line: the unit price without tax and a quantity. */
  public record Line(BigDecimal unitPrice, int quantity) {}

  public record Totals(
      BigDecimal subtotal,
      BigDecimal tax,
      BigDecimal shipping,
      BigDecimal total,
      String currency) {}

  private final PricingProperties properties;

  public Pricing(PricingProperties properties) {
    this.properties = properties;
  }

  public BigDecimal lineTotal(BigDecimal unitPrice, int quantity) {
    return cents(BusinessChaos.unitPrice(unitPrice).multiply(BigDecimal.valueOf(quantity)));
  }

  public Totals totals(List<Line> lines) {
    BigDecimal subtotal =
        lines.stream()
            .map(l -> lineTotal(l.unitPrice(), l.quantity()))
            .reduce(cents(BigDecimal.ZERO), BigDecimal::add);
    BigDecimal tax =
        subtotal.multiply(BusinessChaos.taxRate(properties.taxRate())).setScale(SCALE, ROUNDING);
    BigDecimal shipping =
        lines.isEmpty() || subtotal.compareTo(properties.freeShippingFrom()) >= 0
            ? cents(BigDecimal.ZERO)
            : cents(properties.shippingFlat());
    BigDecimal total =
        BusinessChaos.reportedTotal(
            subtotal.add(tax).add(shipping),
            subtotal,
            lines.stream().map(l -> lineTotal(l.unitPrice(), l.quantity())).toList(),
            shipping);
    return new Totals(subtotal, tax, shipping, total, properties.currency());
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(SCALE, ROUNDING);
  }
}
