package dev.perfshop.server.customer;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "customers")
class Customer {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String email;
  private String name;
  private String passwordHash;
  private Instant createdAt;

  protected Customer() {}

  Customer(String email, String name, String passwordHash, Instant createdAt) {
    this.email = email;
    this.name = name;
    this.passwordHash = passwordHash;
    this.createdAt = createdAt;
  }

  Long getId() {
    return id;
  }

  String getEmail() {
    return email;
  }

  String getName() {
    return name;
  }

  String getPasswordHash() {
    return passwordHash;
  }
}
