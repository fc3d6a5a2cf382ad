package dev.perfshop.server.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * The shop's business meters, named once. Tags are low-cardinality on purpose: a customer kind
 * ({@code guest|customer}) and a failure reason from a fixed list, never ids or raw input.
 */
@Component
public class ShopMeters {

  public static final String ORDERS_PLACED = "perfshop.orders.placed";
  public static final String REVENUE = "perfshop.orders.revenue";
  public static final String CART_ADDITIONS = "perfshop.cart.additions";
  public static final String CHECKOUT_FAILURES = "perfshop.checkout.failures";

  /** Reasons a checkout fails, the only values of the {@code reason} tag. */
  public enum FailureReason {
    OUT_OF_STOCK("out-of-stock"),
    PAYMENT_DECLINED("payment-declined"),
    EMPTY_CART("empty-cart"),
    INVALID_COUPON("invalid-coupon"),
    ERROR("error");

    private final String tag;

    FailureReason(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private final MeterRegistry registry;

  public ShopMeters(MeterRegistry registry) {
    this.registry = registry;
    for (FailureReason reason : FailureReason.values()) {
      failures(reason);
    }
    for (String kind : new String[] {"guest", "customer"}) {
      placed(kind);
      revenue(kind);
    }
    additions();
  }

  public void orderPlaced(boolean guest, BigDecimal total) {
    String kind = guest ? "guest" : "customer";
    placed(kind).increment();
    revenue(kind).increment(total.doubleValue());
  }

  public void cartAddition(int quantity) {
    additions().increment(quantity);
  }

  public void checkoutFailed(FailureReason reason) {
    failures(reason).increment();
  }

  private Counter placed(String kind) {
    return Counter.builder(ORDERS_PLACED)
        .description("orders placed (paid)")
        .tag("customer", kind)
        .register(registry);
  }

  private Counter revenue(String kind) {
    return Counter.builder(REVENUE)
        .description("order totals, tax and shipping included")
        .baseUnit("euros")
        .tag("customer", kind)
        .register(registry);
  }

  private Counter additions() {
    return Counter.builder(CART_ADDITIONS)
        .description("units added to carts")
        .baseUnit("items")
        .register(registry);
  }

  private Counter failures(FailureReason reason) {
    return Counter.builder(CHECKOUT_FAILURES)
        .description("checkouts refused or failed, by reason")
        .tag("reason", reason.tag())
        .register(registry);
  }
}
