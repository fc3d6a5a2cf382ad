package dev.perfshop.server.order;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface OrderRepository extends JpaRepository<ShopOrder, Long> {

  Page<ShopOrder> findByCustomerId(long customerId, Pageable page);

  Optional<ShopOrder> findByIdAndCustomerId(long id, long customerId);

  /** Bulk delete for a data reset (lines, movements and payments cascade in the database). */
  @Modifying
  @Query(value = "delete from orders", nativeQuery = true)
  int deleteAllRows();
}
