package dev.perfshop.server.cart;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyContext;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;

/**
 * The ids under which a cart shows its lines and its line routes ({@code PUT/DELETE
 * /api/cart/items/{id}}) take them. Normally the product id. The dynamic-ids anomaly shows each
 * line under a reference of the cart's own, which changes every period of the level (the chaos
 * catalogue's {@code windowSec}; 0: never) and stays valid one period more: a script must take the
 * id from a recent cart response. A product id is then not accepted.
 */
final class LineRefs {

  private static final ChaosType DYNAMIC_IDS = ChaosType.of("dynamic-ids");
  private static final long[] WINDOW_SECONDS = DYNAMIC_IDS.longs("windowSec");
  private static final byte[] SECRET = secret();

  private LineRefs() {}

  /** The id a line of this cart is shown with. */
  static long shown(long cartId, long productId, Instant now) {
    Activation a = PolicyContext.hit(DYNAMIC_IDS);
    return a == null ? productId : productId ^ mask(cartId, window(a, now));
  }

  /**
   * The product a line route of this cart names with {@code id}, or {@code -1} when it names no
   * line of {@code inCart}.
   */
  static long named(long cartId, long id, Set<Long> inCart, Instant now) {
    Activation a = PolicyContext.hit(DYNAMIC_IDS);
    if (a == null) {
      return id;
    }
    long window = window(a, now);
    for (long w : new long[] {window, window - 1}) {
      long product = id ^ mask(cartId, w);
      if (inCart.contains(product)) {
        return product;
      }
    }
    return -1;
  }

  private static byte[] secret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static long window(Activation a, Instant now) {
    long seconds = WINDOW_SECONDS[a.level() - 1];
    return seconds == 0 ? 0 : now.getEpochSecond() / seconds;
  }

  /** 29 bits from a keyed digest of the cart and the period; bit 28 set, so never the identity. */
  private static long mask(long cartId, long window) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(SECRET);
      digest.update(ByteBuffer.allocate(16).putLong(cartId).putLong(window).array());
      return (ByteBuffer.wrap(digest.digest()).getInt() & 0x0FFF_FFFFL) | 0x1000_0000L;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
