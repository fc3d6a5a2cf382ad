package dev.perfshop.server.cart;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
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

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Cart c where c.id = :id")
  Optional<Cart> lockById(@Param("id") long id);
}
