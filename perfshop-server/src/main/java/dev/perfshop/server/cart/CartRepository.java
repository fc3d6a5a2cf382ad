package dev.perfshop.server.cart;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CartRepository extends JpaRepository<Cart, Long> {

  Optional<Cart> findByTokenHash(String tokenHash);

  Optional<Cart> findByCustomerId(long customerId);

  /** Bulk delete for a data reset (cart_items go with their cart: ON DELETE CASCADE). */
  @Modifying
  @Query(value = "delete from carts", nativeQuery = true)
  int deleteAllRows();

  @Modifying
  @Query(
      value = "delete from carts where customer_id is null and updated_at < :cutoff",
      nativeQuery = true)
  int deleteAnonymousUntouchedSince(@Param("cutoff") Instant cutoff);

  /**
   * The cart row, locked until the transaction ends. Plain {@code FOR UPDATE} in native SQL: the
   * MySQL 8 dialect would write {@code FOR UPDATE OF alias}, which MariaDB (the lab's MySQL
   * stand-in, reached through the MySQL driver) rejects as a syntax error.
   */
  @Query(value = "select * from carts where id = :id for update", nativeQuery = true)
  Optional<Cart> lockById(@Param("id") long id);
}
