package dev.perfshop.server.order;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An order as the API shows it. */
record OrderView(
    long id,
    String status,
    Instant createdAt,
    @Nullable String email,
    boolean guest,
    List<Line> items,
    BigDecimal subtotal,
    @Nullable String couponCode,
    @Nullable BigDecimal discount,
    BigDecimal tax,
    BigDecimal shipping,
    BigDecimal total,
    String currency,
    CheckoutRequest.@Nullable Address shippingAddress,
    @Nullable PaymentView payment) {

  @Schema(name = "OrderLine")
  record Line(
      long productId,
      String sku,
      String name,
      BigDecimal unitPrice,
      int quantity,
      BigDecimal lineTotal) {}

  record PaymentView(String status, String cardLast4, @Nullable String authorizationCode) {}

  static OrderView of(ShopOrder o, Payment p, String currency) {
    return new OrderView(
        o.getId(),
        o.getStatus(),
        o.getCreatedAt(),
        o.getEmail(),
        o.getCustomerId() == null,
        o.getLines().stream()
            .map(
                l ->
                    new Line(
                        l.getProductId(),
                        l.getSku(),
                        l.getName(),
                        l.getUnitPrice(),
                        l.getQuantity(),
                        l.getLineTotal()))
            .toList(),
        o.getSubtotal(),
        o.getCouponCode(),
        o.getDiscount(),
        o.getTax(),
        o.getShipping(),
        o.getTotal(),
        currency,
        o.address(),
        p == null
            ? null
            : new PaymentView(p.getStatus(), p.getCardLast4(), p.getAuthorizationCode()));
  }
}
