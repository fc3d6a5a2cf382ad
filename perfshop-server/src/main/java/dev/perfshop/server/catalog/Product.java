package dev.perfshop.server.catalog;

import dev.perfshop.server.system.Port;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product of the catalogue. Stock is never changed through this entity: checkout decrements it
 * with one conditional UPDATE ({@link ProductRepository#takeStock}) so it can never go negative.
 */
@Port
@Entity
@Table(name = "products")
public class Product {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String sku;
  private String name;
  private String description;
  private BigDecimal price;
  private int stock;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "category_id")
  private Category category;

  /** Colour of the generated product image, 0-359. */
  private int hue;

  private Instant createdAt;

  protected Product() {}

  public Product(
      String sku,
      String name,
      String description,
      BigDecimal price,
      int stock,
      Category category,
      int hue,
      Instant createdAt) {
    this.sku = sku;
    this.name = name;
    this.description = description;
    this.price = price;
    this.stock = stock;
    this.category = category;
    this.hue = hue;
    this.createdAt = createdAt;
  }

  /** Takes every seed value of {@code seed} (not its id): used by the data reset. */
  void restore(Product seed) {
    this.sku = seed.sku;
    this.name = seed.name;
    this.description = seed.description;
    this.price = seed.price;
    this.stock = seed.stock;
    this.category = seed.category;
    this.hue = seed.hue;
    this.createdAt = seed.createdAt;
  }

  public Long getId() {
    return id;
  }

  public String getSku() {
    return sku;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public int getStock() {
    return stock;
  }

  public Category getCategory() {
    return category;
  }

  public int getHue() {
    return hue;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
