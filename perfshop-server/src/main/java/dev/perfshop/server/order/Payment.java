package dev.perfshop.server.order;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** The authorised payment of an order. Only the card's last four digits are kept. */
@Entity
@Table(name = "payments")
class Payment {

  static final String AUTHORISED = "AUTHORISED";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private long orderId;
  private String status;
  private BigDecimal amount;

  @jakarta.persistence.Column(name = "card_last4")
  private String cardLast4;

  private String authorizationCode;
  private Instant createdAt;

  protected Payment() {}

  Payment(long orderId, BigDecimal amount, String cardLast4, String authorizationCode, Instant at) {
    this.orderId = orderId;
    this.status = AUTHORISED;
    this.amount = amount;
    this.cardLast4 = cardLast4;
    this.authorizationCode = authorizationCode;
    this.createdAt = at;
  }

  String getStatus() {
    return status;
  }

  String getCardLast4() {
    return cardLast4;
  }

  String getAuthorizationCode() {
    return authorizationCode;
  }
}
