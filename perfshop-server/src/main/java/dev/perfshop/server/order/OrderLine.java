package dev.perfshop.server.order;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * A line of an order: what was bought at which price (copied, so later price changes don't matter).
 */
@Entity
@Table(name = "order_lines")
class OrderLine {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long productId;
  private String sku;
  private String name;
  private BigDecimal unitPrice;
  private int quantity;
  private BigDecimal lineTotal;

  protected OrderLine() {}

  OrderLine(
      long productId,
      String sku,
      String name,
      BigDecimal unitPrice,
      int quantity,
      BigDecimal lineTotal) {
    this.productId = productId;
    this.sku = sku;
    this.name = name;
    this.unitPrice = unitPrice;
    this.quantity = quantity;
    this.lineTotal = lineTotal;
  }

  long getProductId() {
    return productId;
  }

  String getSku() {
    return sku;
  }

  String getName() {
    return name;
  }

  BigDecimal getUnitPrice() {
    return unitPrice;
  }

  int getQuantity() {
    return quantity;
  }

  BigDecimal getLineTotal() {
    return lineTotal;
  }
}
