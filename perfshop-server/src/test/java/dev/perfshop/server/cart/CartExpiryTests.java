package dev.perfshop.server.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.chaos.ChaosHits;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cart lines never expire in a healthy shop; cart-loss drops them, more with each level. */
class CartExpiryTests {

  static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

  @AfterEach
  void clear() {
    ChaosHits.clear();
  }

  private static Cart cartWith(long... productIds) {
    Cart cart = Cart.ofCustomer(7, NOW);
    for (long id : productIds) {
      cart.set(id, 2, NOW);
    }
    return cart;
  }

  @Test
  void withoutAHitNothingIsLost() {
    Cart cart = cartWith(1, 2, 3, 4);
    CartExpiry.expire(cart, NOW);
    assertThat(cart.items()).containsOnlyKeys(1L, 2L, 3L, 4L);
  }

  @Test
  void levelsOneAndTwoLoseTheLineWithTheHighestProductId() {
    for (int level : new int[] {1, 2}) {
      ChaosHits.hit("cart-loss", level);
      Cart cart = cartWith(3, 1, 4, 2);
      CartExpiry.expire(cart, NOW);
      assertThat(cart.items()).as("level " + level).containsOnlyKeys(1L, 2L, 3L);
    }
  }

  @Test
  void levelThreeLosesHalfTheLinesRoundedUp() {
    ChaosHits.hit("cart-loss", 3);
    Cart cart = cartWith(1, 2, 3, 4, 5);
    CartExpiry.expire(cart, NOW);
    assertThat(cart.items()).containsOnlyKeys(1L, 2L);
  }

  @Test
  void levelsFourAndFiveEmptyTheCart() {
    for (int level : new int[] {4, 5}) {
      ChaosHits.hit("cart-loss", level);
      Cart cart = cartWith(1, 2, 3);
      CartExpiry.expire(cart, NOW);
      assertThat(cart.items()).as("level " + level).isEmpty();
    }
  }
}
