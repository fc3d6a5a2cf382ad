package dev.perfshop.server.order;

import dev.perfshop.server.cart.CartService;
import dev.perfshop.server.cart.PricingProperties;
import dev.perfshop.server.customer.CurrentCustomer;
import dev.perfshop.server.customer.Tokens;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import dev.perfshop.server.system.ShopMeters;
import dev.perfshop.server.system.ShopMeters.FailureReason;
import dev.perfshop.server.system.policy.ShopRules;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private static final Logger log = LoggerFactory.getLogger(OrderController.class);

  private final CartService carts;
  private final CurrentCustomer current;
  private final CheckoutService checkout;
  private final IdempotencyStore idempotency;
  private final OrderRepository orders;
  private final PaymentRepository payments;
  private final PricingProperties pricing;
  private final ShopMeters meters;
  private final JsonMapper json;

  private final java.time.Clock clock;

  OrderController(
      CartService carts,
      CurrentCustomer current,
      CheckoutService checkout,
      IdempotencyStore idempotency,
      OrderRepository orders,
      PaymentRepository payments,
      PricingProperties pricing,
      ShopMeters meters,
      JsonMapper json,
      java.time.Clock clock) {
    this.carts = carts;
    this.current = current;
    this.checkout = checkout;
    this.idempotency = idempotency;
    this.orders = orders;
    this.payments = payments;
    this.pricing = pricing;
    this.meters = meters;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Checkout of the request's cart (the signed-in customer's, or the anonymous cart cookie's: guest
   * checkout is allowed and then needs {@code email}).
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ApiResponse(
      responseCode = "201",
      description =
          "The order (a replay of the same Idempotency-Key answers the first order again)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = OrderView.class)))
  ResponseEntity<String> place(
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
      @Valid @RequestBody CheckoutRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (key == null || key.isBlank()) {
      throw new ApiException(
          ProblemType.BAD_REQUEST,
          "the Idempotency-Key header is required (a unique random value)");
    }
    if (!KEY.matcher(key).matches()) {
      throw new ApiException(
          ProblemType.BAD_REQUEST, "Idempotency-Key must be 1-255 visible ASCII characters");
    }
    if (!body.payment().luhnValid()) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "the card number fails its checksum",
          Map.of("errors", List.of(Map.of("field", "payment.cardNumber", "message", "invalid"))));
    }
    var signedIn = current.find(request);
    if (signedIn.isEmpty() && body.email() == null) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "email is required for a guest checkout",
          Map.of("errors", List.of(Map.of("field", "email", "message", "must not be null"))));
    }
    var cart = carts.forCheckout(request, response);
    if (cart.isEmpty()) {
      meters.checkoutFailed(FailureReason.EMPTY_CART);
      throw new ApiException(
          ProblemType.UNPROCESSABLE, "the cart is empty", Map.of("reason", "empty-cart"));
    }
    String email = signedIn.map(CurrentCustomer.SignedIn::email).orElse(body.email());
    String fingerprint = Tokens.sha256(json.writeValueAsString(Fingerprint.of(body)));

    var claim = idempotency.claim(cart.get().owner(), key, fingerprint);
    if (claim instanceof IdempotencyStore.Replay replay) {
      if (replay.state().equals(IdempotencyStore.FAILED)) {
        throw idempotency.problemOf(replay);
      }
      long id = json.readTree(replay.body()).get("id").asLong();
      return created(id, replay.body(), true);
    }
    IdempotencyStore.Claimed claimed = (IdempotencyStore.Claimed) claim;
    try {
      CheckoutService.Placed placed = checkout.place(cart.get().cartId(), email, body, claimed);
      meters.orderPlaced(placed.guest(), placed.total());
      return created(placed.orderId(), placed.body(), false);
    } catch (ApiException e) {
      meters.checkoutFailed(reason(e));
      if (e.type().status().is4xxClientError()) {
        idempotency.fail(claimed, e);
      } else {
        idempotency.release(claimed);
      }
      throw e;
    } catch (RuntimeException e) {
      meters.checkoutFailed(FailureReason.ERROR);
      log.warn("checkout failed unexpectedly: rolled back, Idempotency-Key released");
      idempotency.release(claimed);
      throw e;
    }
  }

  /** One page of the signed-in customer's orders, newest first. */
  record OrderPage(List<OrderView> items, int page, int size, long totalItems, int totalPages) {}

  @GetMapping
  @Transactional(readOnly = true)
  OrderPage list(
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "20") int size,
      HttpServletRequest request) {
    long customerId = current.require(request).id();
    if (page < 0 || size < 1 || size > 100) {
      throw new ApiException(
          ProblemType.VALIDATION, "page must be >= 0 and size between 1 and 100");
    }
    Page<ShopOrder> result =
        orders.findByCustomerId(
            customerId, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")));
    return new OrderPage(
        result.getContent().stream().map(this::view).toList(),
        result.getNumber(),
        result.getSize(),
        result.getTotalElements(),
        result.getTotalPages());
  }

  /** One of the signed-in customer's orders; someone else's order is a 404, like a missing one. */
  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  OrderView order(@PathVariable("id") long id, HttpServletRequest request) {
    long customerId = current.require(request).id();
    return orders
        .findByIdAndCustomerId(id, customerId)
        .or(() -> idor(id))
        .map(this::view)
        .orElseThrow(() -> ApiException.notFound("order", id));
  }

  /** The idor anomaly: someone else's order, served without the ownership check. */
  private java.util.Optional<ShopOrder> idor(long id) {
    if (ShopRules.ownershipGap() == 0) {
      return java.util.Optional.empty();
    }
    java.time.Instant now = clock.instant();
    return orders.findById(id).filter(o -> ShopRules.servesOtherCustomers(o.getCreatedAt(), now));
  }

  private OrderView view(ShopOrder order) {
    return OrderView.of(
        order, payments.findByOrderId(order.getId()).orElse(null), pricing.currency());
  }

  private static ResponseEntity<String> created(long id, String body, boolean replayed) {
    var builder =
        ResponseEntity.created(URI.create("/api/orders/" + id))
            .contentType(MediaType.APPLICATION_JSON);
    if (replayed) {
      builder.header(REPLAYED, "true");
    }
    return builder.body(body);
  }

  /**
   * What "the same payload" means for an idempotency key. The card is reduced to its last four
   * digits and expiry: a stored hash of the full number (and CVC) could be brute-forced.
   */
  record Fingerprint(
      String email,
      CheckoutRequest.Address shippingAddress,
      String cardLast4,
      String expiry,
      String couponCode) {
    static Fingerprint of(CheckoutRequest body) {
      return new Fingerprint(
          body.email(),
          body.shippingAddress(),
          body.payment().last4(),
          body.payment().expiry(),
          body.couponCode() == null ? null : Coupons.normalize(body.couponCode()));
    }
  }

  private static FailureReason reason(ApiException e) {
    return switch (e.type()) {
      case OUT_OF_STOCK -> FailureReason.OUT_OF_STOCK;
      case PAYMENT_DECLINED -> FailureReason.PAYMENT_DECLINED;
      case UNPROCESSABLE ->
          "invalid-coupon".equals(e.extensions().get("reason"))
              ? FailureReason.INVALID_COUPON
              : FailureReason.EMPTY_CART;
      default -> FailureReason.ERROR;
    };
  }
}
