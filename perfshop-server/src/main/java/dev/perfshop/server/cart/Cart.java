package dev.perfshop.server.cart;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A cart: quantities by product id. Owned by a cart cookie (hashed) or by a customer. */
@Entity
@Table(name = "carts")
class Cart {

  static final int MAX_QUANTITY = 99;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String tokenHash;
  private Long customerId;
  private Instant createdAt;
  private Instant updatedAt;

  @ElementCollection
  @CollectionTable(name = "cart_items", joinColumns = @JoinColumn(name = "cart_id"))
  @MapKeyColumn(name = "product_id")
  @Column(name = "quantity")
  private Map<Long, Integer> items = new HashMap<>();

  protected Cart() {}

  private Cart(String tokenHash, Long customerId, Instant now) {
    this.tokenHash = tokenHash;
    this.customerId = customerId;
    this.createdAt = now;
    this.updatedAt = now;
  }

  static Cart anonymous(String tokenHash, Instant now) {
    return new Cart(tokenHash, null, now);
  }

  static Cart ofCustomer(long customerId, Instant now) {
    return new Cart(null, customerId, now);
  }

  Long getId() {
    return id;
  }

  Long getCustomerId() {
    return customerId;
  }

  String getTokenHash() {
    return tokenHash;
  }

  Map<Long, Integer> items() {
    return items;
  }

  int quantityOf(long productId) {
    return items.getOrDefault(productId, 0);
  }

  void set(long productId, int quantity, Instant now) {
    items.put(productId, quantity);
    updatedAt = now;
  }

  boolean remove(long productId, Instant now) {
    updatedAt = now;
    return items.remove(productId) != null;
  }

  void clear(Instant now) {
    items.clear();
    updatedAt = now;
  }

  /** Adds another cart's lines: quantities are summed and capped at {@link #MAX_QUANTITY}. */
  void absorb(Cart other, Instant now) {
    other.items.forEach((product, qty) -> items.merge(product, qty, (a, b) -> capped(a + b)));
    updatedAt = now;
  }

  static int capped(int quantity) {
    return Math.min(quantity, MAX_QUANTITY);
  }
}
