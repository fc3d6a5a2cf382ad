package dev.perfshop.server.order;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A change of stock with its cause: the audit trail beside the products' stock counter. */
@Entity
@Table(name = "stock_movements")
class StockMovement {

  static final String ORDER = "ORDER";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long productId;
  private Long orderId;
  private int delta;
  private String reason;
  private Instant createdAt;

  protected StockMovement() {}

  StockMovement(long productId, Long orderId, int delta, String reason, Instant createdAt) {
    this.productId = productId;
    this.orderId = orderId;
    this.delta = delta;
    this.reason = reason;
    this.createdAt = createdAt;
  }
}
