package dev.perfshop.server.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.customer.Tokens;
import dev.perfshop.server.support.ShopClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CartApiTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired CartJanitor janitor;

  long cheap;
  long dear;

  @BeforeEach
  void twoProductsInStock() {
    var ids = jdbc.sql("select id from products order by id").query(Long.class).list();
    cheap = ids.get(10);
    dear = ids.get(11);
    jdbc.sql("update products set price = 12.50, stock = 50 where id = ?").param(cheap).update();
    jdbc.sql("update products set price = 40.00, stock = 50 where id = ?").param(dear).update();
  }

  private static Map<String, Object> item(long productId, int quantity) {
    return Map.of("productId", productId, "quantity", quantity);
  }

  @Test
  void anonymousCartLivesOnAnHttpOnlyCookieAndHasTotals() {
    ShopClient browser = new ShopClient(port);
    var empty = browser.get("/api/cart");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().get("items")).isEmpty();
    assertThat(browser.cookie(CartService.CART_COOKIE)).isNull();

    double additions = meters.counter("perfshop.cart.additions").count();
    var added = browser.post("/api/cart/items", item(cheap, 2));
    assertThat(added.status()).isEqualTo(200);
    assertThat(meters.counter("perfshop.cart.additions").count()).isEqualTo(additions + 2);
    assertThat(added.setCookies())
        .anySatisfy(c -> assertThat(c).startsWith("PERFSHOP_CART=").contains("HttpOnly", "Lax"));
    var cart = browser.get("/api/cart").json();
    assertThat(cart.get("itemCount").asInt()).isEqualTo(2);
    assertThat(new BigDecimal(cart.get("subtotal").asString())).isEqualByComparingTo("25.00");
    assertThat(new BigDecimal(cart.get("tax").asString())).isEqualByComparingTo("5.00");
    assertThat(new BigDecimal(cart.get("shipping").asString())).isEqualByComparingTo("4.90");
    assertThat(new BigDecimal(cart.get("total").asString())).isEqualByComparingTo("34.90");
    assertThat(cart.get("currency").asString()).isEqualTo("EUR");
  }

  @Test
  void addingAgainSumsChangingSetsAndRemovingDeletes() {
    ShopClient browser = new ShopClient(port);
    browser.post("/api/cart/items", item(cheap, 1));
    browser.post("/api/cart/items", item(cheap, 2));
    browser.post("/api/cart/items", item(dear, 1));
    assertThat(browser.get("/api/cart").json().get("itemCount").asInt()).isEqualTo(4);

    var changed = browser.put("/api/cart/items/" + cheap, Map.of("quantity", 5));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("items").get(0).get("quantity").asInt()).isEqualTo(5);
    assertThat(new BigDecimal(changed.json().get("shipping").asString())).isEqualByComparingTo("0");

    var removed = browser.delete("/api/cart/items/" + dear);
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().get("items")).hasSize(1);
    assertThat(browser.delete("/api/cart/items/" + dear).status()).isEqualTo(404);

    assertThat(browser.delete("/api/cart").status()).isEqualTo(204);
    assertThat(browser.get("/api/cart").json().get("items")).isEmpty();
  }

  @Test
  void moreThanTheStockIsAnOutOfStockProblem() {
    ShopClient browser = new ShopClient(port);
    var refused = browser.post("/api/cart/items", item(cheap, 51));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.problemType()).isEqualTo("out-of-stock");
    assertThat(refused.json().get("available").asInt()).isEqualTo(50);
    assertThat(browser.cookie(CartService.CART_COOKIE))
        .as("no cart for a refused addition")
        .isNull();
  }

  @Test
  void badInputIsA4xxProblemAndChangesNothing() {
    ShopClient browser = new ShopClient(port);
    browser.post("/api/cart/items", item(cheap, 1));
    String before = browser.get("/api/cart").body();
    long items = itemRows();

    var malformed =
        browser.send("POST", "/api/cart/items", "{\"productId\": ", "application/json", Map.of());
    var negative = browser.post("/api/cart/items", item(dear, -1));
    var unknown = browser.post("/api/cart/items", item(987_654, 1));
    var huge =
        browser.send(
            "POST",
            "/api/cart/items",
            "{\"productId\":" + dear + ",\"quantity\":1,\"x\":\"" + "x".repeat(1 << 20) + "\"}",
            "application/json",
            Map.of());
    var wrongType =
        browser.send("POST", "/api/cart/items", "productId=1&quantity=1", "text/plain", Map.of());
    var zeroQuantity = browser.put("/api/cart/items/" + cheap, Map.of("quantity", 0));

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.problemType()).isEqualTo("malformed-body");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.problemType()).isEqualTo("validation");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemType()).isEqualTo("not-found");
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.problemType()).isEqualTo("payload-too-large");
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(zeroQuantity.status()).isEqualTo(400);
    for (var r : new ShopClient.Response[] {malformed, negative, unknown, wrongType}) {
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(browser.get("/api/cart").body()).isEqualTo(before);
    assertThat(itemRows()).isEqualTo(items);
  }

  @Test
  void anonymousCartSurvivesLoginAndMergesIntoTheCustomersCart() {
    String email = "merge-" + UUID.randomUUID() + "@example.test";
    ShopClient earlier = new ShopClient(port);
    earlier.post(
        "/api/auth/register", Map.of("email", email, "name", "Bea", "password", "long enough"));
    earlier.post("/api/cart/items", item(dear, 1));

    ShopClient browser = new ShopClient(port);
    browser.post("/api/cart/items", item(cheap, 2));
    browser.post("/api/cart/items", item(dear, 2));
    var login = browser.post("/api/auth/login", Map.of("email", email, "password", "long enough"));
    assertThat(login.status()).isEqualTo(200);

    var cart = browser.get("/api/cart");
    assertThat(cart.status()).isEqualTo(200);
    assertThat(cart.json().get("items")).hasSize(2);
    assertThat(cart.json().get("itemCount").asInt()).isEqualTo(5);
    assertThat(browser.cookie(CartService.CART_COOKIE)).isNull();
    assertThat(earlier.get("/api/cart").json().get("itemCount").asInt()).isEqualTo(5);
    assertThat(
            jdbc.sql(
                    "select count(*) from carts where customer_id = (select id from customers"
                        + " where email = ?)")
                .param(email)
                .query(Long.class)
                .single())
        .isOne();
  }

  @Test
  void janitorDeletesAnonymousCartsUntouchedForLongerThanTheirCookieLives() {
    ShopClient abandoned = new ShopClient(port);
    abandoned.post("/api/cart/items", item(cheap, 1));
    ShopClient recent = new ShopClient(port);
    recent.post("/api/cart/items", item(cheap, 1));
    jdbc.sql("update carts set updated_at = ? where token_hash = ?")
        .param(Timestamp.from(Instant.now().minus(Duration.ofDays(31))))
        .param(Tokens.sha256(abandoned.cookie(CartService.CART_COOKIE)))
        .update();

    janitor.sweep();

    assertThat(abandoned.get("/api/cart").json().get("items")).isEmpty();
    assertThat(recent.get("/api/cart").json().get("items")).hasSize(1);
  }

  private long itemRows() {
    return jdbc.sql("select count(*) from cart_items").query(Long.class).single();
  }
}
