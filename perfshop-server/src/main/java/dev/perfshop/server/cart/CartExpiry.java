package dev.perfshop.server.cart;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Expiry of cart lines when a cart is read. Lines never expire in a healthy shop; the cart-loss
 * anomaly drops some here (from the highest product id down; how many per level in the chaos
 * catalogue), and the loss is stored with the cart, as an over-eager expiry would do.
 */
final class CartExpiry {

  private static final ChaosType CART_LOSS = ChaosType.of("cart-loss");
  private static final double[] LINES = CART_LOSS.optionalDoubles("lines");
  private static final double[] SHARE = CART_LOSS.optionalDoubles("share");

  private CartExpiry() {}

  static void expire(Cart cart, Instant now) {
    if (cart.items().isEmpty()) {
      return;
    }
    Activation a = PolicyContext.hit(CART_LOSS);
    if (a == null) {
      return;
    }
    int i = a.level() - 1;
    int size = cart.items().size();
    int lost = !Double.isNaN(LINES[i]) ? (int) LINES[i] : (int) Math.ceil(size * SHARE[i]);
    List<Long> newestFirst =
        cart.items().keySet().stream().sorted(Comparator.reverseOrder()).toList();
    for (Long productId : newestFirst.subList(0, Math.min(lost, size))) {
      cart.remove(productId, now);
    }
  }
}
