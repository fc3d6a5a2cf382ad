package dev.perfshop.server.order;

import dev.perfshop.server.cart.CartService;
import dev.perfshop.server.cart.CartService.CheckoutCart;
import dev.perfshop.server.cart.CartService.Item;
import dev.perfshop.server.cart.Pricing;
import dev.perfshop.server.catalog.Product;
import dev.perfshop.server.catalog.ProductRepository;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import dev.perfshop.server.system.policy.BusinessRules;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places an order from a cart in ONE transaction: stock taken (conditional UPDATEs, in product id
 * order so two buyers never deadlock), order and lines, stock movements, payment authorised and
 * recorded, cart emptied, idempotency key completed. Any failure rolls all of it back: an order,
 * its stock movements and its payment are all present or all absent.
 *
 * <p>The payment is authorised while the transaction holds the product rows: on a hot product,
 * buyers queue behind the gateway. That is the honest cost of this simple design and what the
 * slow-dependency chaos makes visible.
 */
@Service
class CheckoutService {

  /** What a successful checkout returns: the order and the exact JSON stored for replays. */
  record Placed(long orderId, boolean guest, java.math.BigDecimal total, String body) {}

  private final CartService carts;
  private final ProductRepository products;
  private final OrderRepository orders;
  private final StockMovementRepository movements;
  private final PaymentRepository payments;
  private final PaymentGateway gateway;
  private final Pricing pricing;
  private final IdempotencyStore idempotency;
  private final Coupons coupons;
  private final JsonMapper json;
  private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

  private final Clock clock;

  CheckoutService(
      CartService carts,
      ProductRepository products,
      OrderRepository orders,
      StockMovementRepository movements,
      PaymentRepository payments,
      PaymentGateway gateway,
      Pricing pricing,
      IdempotencyStore idempotency,
      Coupons coupons,
      JsonMapper json,
      Clock clock) {
    this.carts = carts;
    this.products = products;
    this.orders = orders;
    this.movements = movements;
    this.payments = payments;
    this.gateway = gateway;
    this.pricing = pricing;
    this.idempotency = idempotency;
    this.coupons = coupons;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  public Placed place(
      long cartId, String email, CheckoutRequest request, IdempotencyStore.Claimed claim) {
    CheckoutCart cart = carts.lockForCheckout(cartId);
    if (cart.items().isEmpty()) {
      throw new ApiException(
          ProblemType.UNPROCESSABLE, "the cart is empty", Map.of("reason", "empty-cart"));
    }
    String couponCode =
        request.couponCode() == null ? null : Coupons.normalize(request.couponCode());
    java.math.BigDecimal discountRate =
        couponCode == null
            ? java.math.BigDecimal.ZERO
            : coupons
                .rate(couponCode)
                .orElseThrow(
                    () ->
                        new ApiException(
                            ProblemType.UNPROCESSABLE,
                            "coupon '" + couponCode + "' is not valid",
                            Map.of("reason", "invalid-coupon")));
    Map<Long, Product> byId =
        products.findAllById(cart.items().stream().map(Item::productId).toList()).stream()
            .collect(Collectors.toMap(Product::getId, Function.identity()));
    for (Item item : cart.items()) {
      Product product = byId.get(item.productId());
      // oversell skips the stock check (level 5: also the decrement); the data reset repairs it
      boolean taken =
          product != null
              && (BusinessRules.skipStockDecrement()
                  || products.takeStock(item.productId(), item.quantity()) > 0);
      if (product == null || (!taken && !BusinessRules.skipStockCheck())) {
        throw outOfStock(item);
      }
    }
    Instant now = clock.instant();
    List<Pricing.Line> priced =
        cart.items().stream()
            .map(i -> new Pricing.Line(byId.get(i.productId()).getPrice(), i.quantity()))
            .toList();
    Pricing.Totals totals = pricing.totals(priced, discountRate);
    ShopOrder order =
        new ShopOrder(
            cart.customerId(),
            email,
            totals.subtotal(),
            totals.discount(),
            couponCode,
            totals.tax(),
            totals.shipping(),
            totals.total(),
            request.shippingAddress(),
            now);
    for (Item item : cart.items()) {
      Product p = byId.get(item.productId());
      order.addLine(
          new OrderLine(
              p.getId(),
              p.getSku(),
              p.getName(),
              p.getPrice(),
              item.quantity(),
              pricing.lineTotal(p.getPrice(), item.quantity())));
    }
    order = orders.saveAndFlush(order);
    for (Item item : cart.items()) {
      movements.save(
          new StockMovement(
              item.productId(), order.getId(), -item.quantity(), StockMovement.ORDER, now));
    }
    movements.flush();

    CheckoutRequest.Card card = request.payment();
    PaymentGateway.Authorization auth =
        gateway.authorise(
            new PaymentGateway.Charge(
                totals.total(), totals.currency(), card.cardNumber(), card.expiry(), card.cvc()));
    if (!auth.approved()) {
      throw new ApiException(
          ProblemType.PAYMENT_DECLINED,
          "the payment was declined",
          Map.of("reason", auth.declineReason()));
    }
    Payment payment =
        payments.save(
            new Payment(order.getId(), totals.total(), card.last4(), auth.code(), clock.instant()));
    carts.empty(cartId);
    // The application clock's time, as the order records it: a skewed clock shows here against the
    // log line's own time.
    log.info("order {} placed at {}", order.getId(), now);

    String body = json.writeValueAsString(OrderView.of(order, payment, totals.currency()));
    idempotency.succeed(claim, HttpStatus.CREATED.value(), body, order.getId());
    return new Placed(order.getId(), cart.guest(), totals.total(), body);
  }

  private static ApiException outOfStock(Item item) {
    return new ApiException(
        ProblemType.OUT_OF_STOCK,
        "product " + item.productId() + " has fewer than " + item.quantity() + " unit(s) in stock",
        Map.of("productId", item.productId(), "requested", item.quantity()));
  }
}
