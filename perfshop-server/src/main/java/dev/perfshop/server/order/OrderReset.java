package dev.perfshop.server.order;

import dev.perfshop.server.system.Port;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Removes every order and what hangs on it; used by the data reset. */
@Port
@Component
public class OrderReset {

  private final OrderRepository orders;
  private final StockMovementRepository movements;
  private final IdempotencyStore idempotency;

  OrderReset(
      OrderRepository orders, StockMovementRepository movements, IdempotencyStore idempotency) {
    this.orders = orders;
    this.movements = movements;
    this.idempotency = idempotency;
  }

  /** Deletes idempotency keys, stock movements, payments, order lines and orders. */
  @Transactional
  public int deleteAll() {
    idempotency.deleteAll();
    movements.deleteAllRows();
    return orders.deleteAllRows();
  }
}
