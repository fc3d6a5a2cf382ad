package dev.perfshop.server.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ControllableGateway.Config.class)
class CheckoutTests {

  static final String CARD = "4242424242424242";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ControllableGateway gateway;
  @Autowired MeterRegistry meters;

  long product;

  @BeforeEach
  void productWithTenInStock() {
    product = jdbc.sql("select min(id) from products").query(Long.class).single() + 20;
    jdbc.sql("update products set stock = 10, price = 20.00 where id = ?").param(product).update();
    gateway.reset();
  }

  @AfterEach
  void releaseGateway() {
    gateway.release.countDown();
    gateway.reset();
  }

  static Map<String, Object> checkout(String email, String card) {
    Map<String, Object> body = new HashMap<>();
    if (email != null) {
      body.put("email", email);
    }
    body.put(
        "shippingAddress",
        Map.of(
            "name", "Ada Lovelace",
            "line1", "12 St James's Square",
            "city", "London",
            "postalCode", "SW1Y 4JH",
            "country", "GB"));
    body.put("payment", Map.of("cardNumber", card, "expiry", "12/39", "cvc", "123"));
    return body;
  }

  private ShopClient guestWith(int quantity) {
    ShopClient guest = new ShopClient(port);
    var added = guest.post("/api/cart/items", Map.of("productId", product, "quantity", quantity));
    assertThat(added.status()).isEqualTo(200);
    return guest;
  }

  private static Map<String, String> key(String key) {
    return Map.of("Idempotency-Key", key);
  }

  private ShopClient.Response place(ShopClient who, String key, Map<String, Object> body) {
    return who.post("/api/orders", body, key(key));
  }

  private record State(long orders, long lines, long movements, long payments, int stock) {}

  private State state() {
    return new State(
        count("orders"),
        count("order_lines"),
        count("stock_movements"),
        count("payments"),
        jdbc.sql("select stock from products where id = ?")
            .param(product)
            .query(Integer.class)
            .single());
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private double counter(String name, String tag, String value) {
    var c = meters.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void guestCheckoutTakesStockWritesOrderMovementAndPaymentAndEmptiesTheCart() {
    ShopClient guest = guestWith(2);
    State before = state();
    double placed = counter("perfshop.orders.placed", "customer", "guest");

    var res = place(guest, UUID.randomUUID().toString(), checkout("guest@example.test", CARD));

    assertThat(res.status()).isEqualTo(201);
    long id = res.json().get("id").asLong();
    assertThat(res.raw().headers().firstValue("Location")).hasValue("/api/orders/" + id);
    assertThat(res.json().get("guest").asBoolean()).isTrue();
    assertThat(res.json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
    // 2 x 20.00 = 40.00 + 20 % tax 8.00 + shipping 4.90 (under 50.00)
    assertThat(res.json().get("total").decimalValue()).isEqualByComparingTo("52.90");
    assertThat(res.body()).contains("\"total\":52.90");
    assertThat(res.json().get("payment").get("cardLast4").asString()).isEqualTo("4242");
    assertThat(res.body()).doesNotContain(CARD);
    State after = state();
    assertThat(after)
        .isEqualTo(
            new State(
                before.orders() + 1,
                before.lines() + 1,
                before.movements() + 1,
                before.payments() + 1,
                before.stock() - 2));
    assertThat(
            jdbc.sql("select delta from stock_movements where order_id = ?")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(-2);
    assertThat(guest.get("/api/cart").json().get("items")).isEmpty();
    assertThat(counter("perfshop.orders.placed", "customer", "guest")).isEqualTo(placed + 1);
  }

  @Test
  void missingIdempotencyKeyIsABadRequestAndChangesNothing() {
    ShopClient guest = guestWith(1);
    State before = state();
    var res = guest.post("/api/orders", checkout("g@example.test", CARD));
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.problemType()).isEqualTo("bad-request");
    assertThat(res.json().get("detail").asString()).contains("Idempotency-Key");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void sameKeyAndPayloadReturnsTheStoredResultWithoutASecondOrder() {
    ShopClient guest = guestWith(1);
    String key = UUID.randomUUID().toString();
    var first = place(guest, key, checkout("g@example.test", CARD));
    State afterFirst = state();

    var second = place(guest, key, checkout("g@example.test", CARD));

    assertThat(second.status()).isEqualTo(first.status()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(state()).isEqualTo(afterFirst);
  }

  @Test
  void sameKeyWithAnotherPayloadIsUnprocessable() {
    ShopClient guest = guestWith(1);
    String key = UUID.randomUUID().toString();
    place(guest, key, checkout("g@example.test", CARD));
    guest.post("/api/cart/items", Map.of("productId", product, "quantity", 1));
    State before = state();

    var other = place(guest, key, checkout("someone-else@example.test", CARD));

    assertThat(other.status()).isEqualTo(422);
    assertThat(other.problemType()).isEqualTo("unprocessable");
    assertThat(other.json().get("reason").asString()).isEqualTo("idempotency-key-reused");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void concurrentRequestsWithOneKeyExecuteOnceAndTheOthersGetConflict() throws Exception {
    ShopClient guest = guestWith(1);
    String key = UUID.randomUUID().toString();
    State before = state();
    gateway.mode = ControllableGateway.Mode.BLOCK;

    CompletableFuture<ShopClient.Response> first =
        CompletableFuture.supplyAsync(() -> place(guest, key, checkout("g@example.test", CARD)));
    assertThat(gateway.entered.await(20, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<ShopClient.Response>> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      others.add(
          CompletableFuture.supplyAsync(() -> place(guest, key, checkout("g@example.test", CARD))));
    }
    List<ShopClient.Response> refused = others.stream().map(CompletableFuture::join).toList();
    gateway.release.countDown();
    ShopClient.Response winner = first.get(30, TimeUnit.SECONDS);

    assertThat(winner.status()).isEqualTo(201);
    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(409);
              assertThat(r.problemType()).isEqualTo("conflict");
              assertThat(r.json().get("reason").asString()).isEqualTo("idempotency-key-in-use");
            });
    assertThat(state().orders()).isEqualTo(before.orders() + 1);
    assertThat(state().stock()).isEqualTo(before.stock() - 1);
  }

  @Test
  void aClaimOlderThanItsLeaseIsTakenOverAndTheStaleRequestOrdersNothing() throws Exception {
    ShopClient guest = guestWith(1);
    String key = UUID.randomUUID().toString();
    State before = state();
    gateway.mode = ControllableGateway.Mode.BLOCK;
    CompletableFuture<ShopClient.Response> stale =
        CompletableFuture.supplyAsync(() -> place(guest, key, checkout("g@example.test", CARD)));
    assertThat(gateway.entered.await(20, TimeUnit.SECONDS)).isTrue();
    // the first request now looks like one whose server died three minutes ago
    jdbc.sql("update idempotency_keys set claimed_at = ? where idem_key = ?")
        .param(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(180)))
        .param(key)
        .update();

    CompletableFuture<ShopClient.Response> successor =
        CompletableFuture.supplyAsync(() -> place(guest, key, checkout("g@example.test", CARD)));
    // wait until the successor has taken the claim over (it then waits for the cart lock)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (jdbc.sql("select count(*) from idempotency_keys where idem_key = ? and claimed_at > ?")
            .param(key)
            .param(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)))
            .query(Long.class)
            .single()
        == 0) {
      assertThat(System.nanoTime()).as("successor took the claim over").isLessThan(deadline);
      Thread.sleep(20);
    }
    gateway.mode = ControllableGateway.Mode.DELEGATE;
    gateway.release.countDown();

    ShopClient.Response first = stale.get(30, TimeUnit.SECONDS);
    ShopClient.Response second = successor.get(30, TimeUnit.SECONDS);
    assertThat(first.status()).isEqualTo(409);
    assertThat(second.status()).isEqualTo(201);
    assertThat(state().orders()).isEqualTo(before.orders() + 1);
    assertThat(state().stock()).isEqualTo(before.stock() - 1);
    var replay = place(guest, key, checkout("g@example.test", CARD));
    assertThat(replay.body()).isEqualTo(second.body());
  }

  @Test
  void failureBetweenStockDecrementAndPaymentLeavesNoPartialOrder() {
    ShopClient guest = guestWith(3);
    String key = UUID.randomUUID().toString();
    State before = state();
    double errors = counter("perfshop.checkout.failures", "reason", "error");
    gateway.mode = ControllableGateway.Mode.THROW;

    var failed = place(guest, key, checkout("g@example.test", CARD));

    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.problemType()).isEqualTo("internal");
    assertThat(failed.body()).doesNotContain("injected");
    assertThat(state()).isEqualTo(before);
    assertThat(guest.get("/api/cart").json().get("itemCount").asInt()).isEqualTo(3);
    assertThat(counter("perfshop.checkout.failures", "reason", "error")).isEqualTo(errors + 1);

    gateway.mode = ControllableGateway.Mode.DELEGATE;
    var retried = place(guest, key, checkout("g@example.test", CARD));
    assertThat(retried.status()).isEqualTo(201);
    assertThat(state().stock()).isEqualTo(before.stock() - 3);
  }

  @Test
  void declinedCardRollsBackAndItsKeyReplaysTheDecline() {
    ShopClient guest = guestWith(1);
    String key = UUID.randomUUID().toString();
    State before = state();

    var declined = place(guest, key, checkout("g@example.test", "4000000000000002"));
    var again = place(guest, key, checkout("g@example.test", "4000000000000002"));

    assertThat(declined.status()).isEqualTo(422);
    assertThat(declined.problemType()).isEqualTo("payment-declined");
    assertThat(declined.json().get("reason").asString()).isEqualTo("card-declined");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.json().get("detail")).isEqualTo(declined.json().get("detail"));
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void badCheckoutInputIsA4xxProblemAndChangesNothing() {
    ShopClient guest = guestWith(1);
    State before = state();
    Map<String, String> key = key(UUID.randomUUID().toString());

    var malformed = guest.send("POST", "/api/orders", "{\"payment\":", "application/json", key);
    var badLuhn = guest.post("/api/orders", checkout("g@example.test", "4242424242424241"), key);
    var noEmail = guest.post("/api/orders", checkout(null, CARD), key);
    var wrongType = guest.send("POST", "/api/orders", "hello", "text/plain", key);
    var huge =
        guest.send(
            "POST",
            "/api/orders",
            "{\"email\":\"" + "x".repeat(1 << 20) + "\"}",
            "application/json",
            key);
    Map<String, Object> badCountry = checkout("g@example.test", CARD);
    badCountry.put(
        "shippingAddress",
        Map.of("name", "A", "line1", "B", "city", "C", "postalCode", "1000", "country", "Belgium"));
    var invalid = guest.post("/api/orders", badCountry, key);

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(badLuhn.status()).isEqualTo(400);
    assertThat(badLuhn.problemType()).isEqualTo("validation");
    assertThat(noEmail.status()).isEqualTo(400);
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(huge.status()).isEqualTo(413);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("errors").toString()).contains("shippingAddress.country");
    for (var r : List.of(malformed, badLuhn, noEmail, wrongType, huge, invalid)) {
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(state()).isEqualTo(before);
    // the key was never claimed: it still works for a good request
    assertThat(guest.post("/api/orders", checkout("g@example.test", CARD), key).status())
        .isEqualTo(201);
  }

  @Test
  void emptyCartIsUnprocessable() {
    var res =
        new ShopClient(port)
            .post(
                "/api/orders", checkout("g@example.test", CARD), key(UUID.randomUUID().toString()));
    assertThat(res.status()).isEqualTo(422);
    assertThat(res.json().get("reason").asString()).isEqualTo("empty-cart");
  }

  @Test
  void customersSeeTheirOwnOrdersAndOthersOrdersAreNotFound() {
    ShopClient alice = new ShopClient(port);
    alice.post(
        "/api/auth/register",
        Map.of(
            "email",
            "alice-" + UUID.randomUUID() + "@example.test",
            "name",
            "Alice",
            "password",
            "alice's secret"));
    alice.post("/api/cart/items", Map.of("productId", product, "quantity", 1));
    var placed = place(alice, UUID.randomUUID().toString(), checkout(null, CARD));
    assertThat(placed.status()).isEqualTo(201);
    long id = placed.json().get("id").asLong();

    var list = alice.get("/api/orders");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("items").get(0).get("id").asLong()).isEqualTo(id);
    assertThat(alice.get("/api/orders/" + id).json().get("guest").asBoolean()).isFalse();

    ShopClient bob = new ShopClient(port);
    bob.post(
        "/api/auth/register",
        Map.of(
            "email",
            "bob-" + UUID.randomUUID() + "@example.test",
            "name",
            "Bob",
            "password",
            "bob's secret"));
    var foreign = bob.get("/api/orders/" + id);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.problemType()).isEqualTo("not-found");
    assertThat(bob.get("/api/orders").json().get("items")).isEmpty();
    assertThat(new ShopClient(port).get("/api/orders").status()).isEqualTo(401);
  }
}
