package dev.perfshop.server.customer;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed-in session. The token itself is only in the customer's cookie; we keep its hash. */
@Entity
@Table(name = "customer_sessions")
class CustomerSession {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String tokenHash;
  private Long customerId;
  private Instant createdAt;
  private Instant expiresAt;

  protected CustomerSession() {}

  CustomerSession(String tokenHash, long customerId, Instant createdAt, Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.customerId = customerId;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  Long getCustomerId() {
    return customerId;
  }

  Instant getExpiresAt() {
    return expiresAt;
  }
}
