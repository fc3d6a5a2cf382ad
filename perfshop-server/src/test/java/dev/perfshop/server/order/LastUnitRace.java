package dev.perfshop.server.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 100 guests, each with the last unit of one product in their cart, press "buy" at the same
 * instant: exactly one order, 99 clean out-of-stock problems, stock 0. Shared by the H2 and MariaDB
 * suites.
 */
final class LastUnitRace {

  static final int BUYERS = 100;

  private LastUnitRace() {}

  static void run(int port, JdbcClient jdbc) throws Exception {
    long product = jdbc.sql("select max(id) from products").query(Long.class).single();
    jdbc.sql("update products set stock = 1 where id = ?").param(product).update();
    long ordersBefore = count(jdbc, "orders");
    long movementsBefore = count(jdbc, "stock_movements");
    long paymentsBefore = count(jdbc, "payments");

    List<ShopClient> buyers = new ArrayList<>();
    for (int i = 0; i < BUYERS; i++) {
      ShopClient buyer = new ShopClient(port);
      var added = buyer.post("/api/cart/items", Map.of("productId", product, "quantity", 1));
      assertThat(added.status()).isEqualTo(200);
      buyers.add(buyer);
    }

    CountDownLatch start = new CountDownLatch(1);
    List<Future<ShopClient.Response>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(BUYERS)) {
      for (ShopClient buyer : buyers) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return buyer.post(
                      "/api/orders",
                      CheckoutTests.checkout("buyer@example.test", CheckoutTests.CARD),
                      Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                }));
      }
      start.countDown();
    }
    List<ShopClient.Response> responses = new ArrayList<>();
    for (Future<ShopClient.Response> f : results) {
      responses.add(f.get());
    }

    assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
    List<ShopClient.Response> refused = responses.stream().filter(r -> r.status() != 201).toList();
    assertThat(refused)
        .hasSize(BUYERS - 1)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(409);
              assertThat(r.contentType()).startsWith("application/problem+json");
              assertThat(r.problemType()).isEqualTo("out-of-stock");
              assertThat(r.json().get("productId").asLong()).isEqualTo(product);
            });
    assertThat(
            jdbc.sql("select stock from products where id = ?")
                .param(product)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(count(jdbc, "orders")).isEqualTo(ordersBefore + 1);
    assertThat(count(jdbc, "stock_movements")).isEqualTo(movementsBefore + 1);
    assertThat(count(jdbc, "payments")).isEqualTo(paymentsBefore + 1);
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
