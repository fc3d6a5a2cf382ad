package dev.perfshop.server.ops;

import dev.perfshop.server.cart.CartService;
import dev.perfshop.server.catalog.CatalogSeeder;
import dev.perfshop.server.catalog.ProductRepository;
import dev.perfshop.server.order.OrderReset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts the shop back to its seed state in one transaction: orders (with lines, payments, stock
 * movements, idempotency keys) and carts are deleted, then the catalogue and its stock are written
 * again from the deterministic seed. Customer accounts and their sessions are kept, so students'
 * scripts can still sign in.
 */
@Service
class DataReset {

  private static final Logger log = LoggerFactory.getLogger(DataReset.class);

  record Result(int ordersDeleted, long cartsDeleted, long products) {}

  private final OrderReset orders;
  private final CartService carts;
  private final CatalogSeeder catalog;
  private final ProductRepository products;

  DataReset(
      OrderReset orders, CartService carts, CatalogSeeder catalog, ProductRepository products) {
    this.orders = orders;
    this.carts = carts;
    this.catalog = catalog;
    this.products = products;
  }

  @Transactional
  public Result reset() {
    int ordersDeleted = orders.deleteAll();
    long cartsDeleted = carts.deleteAll();
    catalog.reset();
    Result result = new Result(ordersDeleted, cartsDeleted, products.count());
    log.info(
        "data reset: {} orders and {} carts deleted, {} products restored",
        result.ordersDeleted(),
        result.cartsDeleted(),
        result.products());
    return result;
  }
}
