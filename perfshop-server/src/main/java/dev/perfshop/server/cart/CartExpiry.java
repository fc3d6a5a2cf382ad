package dev.perfshop.server.cart;

import dev.perfshop.server.chaos.Activation;
import dev.perfshop.server.chaos.ChaosContext;
import dev.perfshop.server.chaos.ChaosType;
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

  private CartExpiry() {}

  static void expire(Cart cart, Instant now) {
    if (cart.items().isEmpty()) {
      return;
    }
    Activation a = ChaosContext.hit(CART_LOSS);
    if (a == null) {
      return;
    }
    var level = CART_LOSS.parameters(a.level());
    int size = cart.items().size();
    int lost =
        level.has("lines")
            ? (int) level.number("lines")
            : (int) Math.ceil(size * level.number("share"));
    List<Long> newestFirst =
        cart.items().keySet().stream().sorted(Comparator.reverseOrder()).toList();
    for (Long productId : newestFirst.subList(0, Math.min(lost, size))) {
      cart.remove(productId, now);
    }
  }
}
