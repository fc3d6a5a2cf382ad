package dev.perfshop.server.order;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface StockMovementRepository extends JpaRepository<StockMovement, Long> {

  @Modifying
  @Query(value = "delete from stock_movements", nativeQuery = true)
  int deleteAllRows();
}
