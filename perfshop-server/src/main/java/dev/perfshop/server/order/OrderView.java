package dev.perfshop.server.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as the API shows it. */
record OrderView(
    long id,
    String status,
    Instant createdAt,
    String email,
    boolean guest,
    List<Line> items,
    BigDecimal subtotal,
    String couponCode,
    BigDecimal discount,
    BigDecimal tax,
    BigDecimal shipping,
    BigDecimal total,
    String currency,
    CheckoutRequest.Address shippingAddress,
    PaymentView payment) {

  record Line(
      long productId,
      String sku,
      String name,
      BigDecimal unitPrice,
      int quantity,
      BigDecimal lineTotal) {}

  record PaymentView(String status, String cardLast4, String authorizationCode) {}

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
