package dev.perfshop.server.order;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A placed order ("Order" is a JPQL keyword, hence the entity name). */
@Entity(name = "ShopOrder")
@Table(name = "orders")
class ShopOrder {

  static final String PAID = "PAID";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private Long customerId;
  private String email;
  private String status;
  private BigDecimal subtotal;
  private BigDecimal discount;
  private String couponCode;
  private BigDecimal tax;
  private BigDecimal shipping;
  private BigDecimal total;
  private String shipName;
  private String shipLine1;
  private String shipCity;

  @Column(name = "ship_postcode")
  private String shipPostcode;

  private String shipCountry;
  private Instant createdAt;

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
  @JoinColumn(name = "order_id", nullable = false, updatable = false)
  @OrderBy("id")
  private List<OrderLine> lines = new ArrayList<>();

  protected ShopOrder() {}

  ShopOrder(
      Long customerId,
      String email,
      BigDecimal subtotal,
      BigDecimal discount,
      String couponCode,
      BigDecimal tax,
      BigDecimal shipping,
      BigDecimal total,
      CheckoutRequest.Address address,
      Instant createdAt) {
    this.customerId = customerId;
    this.email = email;
    this.status = PAID;
    this.subtotal = subtotal;
    this.discount = discount;
    this.couponCode = couponCode;
    this.tax = tax;
    this.shipping = shipping;
    this.total = total;
    this.shipName = address.name();
    this.shipLine1 = address.line1();
    this.shipCity = address.city();
    this.shipPostcode = address.postalCode();
    this.shipCountry = address.country();
    this.createdAt = createdAt;
  }

  void addLine(OrderLine line) {
    lines.add(line);
  }

  Long getId() {
    return id;
  }

  Long getCustomerId() {
    return customerId;
  }

  String getEmail() {
    return email;
  }

  String getStatus() {
    return status;
  }

  BigDecimal getSubtotal() {
    return subtotal;
  }

  BigDecimal getDiscount() {
    return discount;
  }

  String getCouponCode() {
    return couponCode;
  }

  BigDecimal getTax() {
    return tax;
  }

  BigDecimal getShipping() {
    return shipping;
  }

  BigDecimal getTotal() {
    return total;
  }

  CheckoutRequest.Address address() {
    return new CheckoutRequest.Address(shipName, shipLine1, shipCity, shipPostcode, shipCountry);
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  List<OrderLine> getLines() {
    return lines;
  }
}
