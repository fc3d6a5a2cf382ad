package dev.perfshop.server.cart;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** The cart as the API shows it; totals come from {@link Pricing}. */
public record CartView(
    List<Line> items,
    int itemCount,
    BigDecimal subtotal,
    BigDecimal tax,
    BigDecimal shipping,
    BigDecimal total,
    String currency) {

  @Schema(name = "CartLine")
  public record Line(
      long productId,
      String sku,
      String name,
      BigDecimal unitPrice,
      int quantity,
      BigDecimal lineTotal,
      int inStock) {}

  static CartView of(List<Line> lines, Pricing.Totals totals) {
    return new CartView(
        lines,
        lines.stream().mapToInt(Line::quantity).sum(),
        totals.subtotal(),
        totals.tax(),
        totals.shipping(),
        totals.total(),
        totals.currency());
  }
}
