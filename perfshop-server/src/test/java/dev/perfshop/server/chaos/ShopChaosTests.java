package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Business anomalies, slow-dependency and idor through the shop's cart and order API. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.chaos.unsafe-lab=true")
@Import(ChaosTestConfig.class)
class ShopChaosTests {

  static final String CARD = "4242424242424242";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ChaosHttp api;
  long product;

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
    product = jdbc.sql("select min(id) from products").query(Long.class).single() + 7;
    jdbc.sql("update products set stock = 1, price = 19.97 where id = ?").param(product).update();
  }

  @AfterEach
  void tearDown() {
    api.halt();
  }

  private void enable(String type, int level, String... routes) {
    var res = api.enable(type, Map.of("level", level, "probability", 1, "routes", List.of(routes)));
    assertThat(res.getStatusCode().value()).as(String.valueOf(res.getBody())).isEqualTo(200);
  }

  private ShopClient cartWith(int quantity) {
    ShopClient who = new ShopClient(port);
    assertThat(
            who.post("/api/cart/items", Map.of("productId", product, "quantity", quantity))
                .status())
        .isEqualTo(200);
    return who;
  }

  private static BigDecimal money(ShopClient.Response res, String field) {
    return new BigDecimal(res.json().get(field).asString());
  }

  static Map<String, Object> checkout(String email) {
    Map<String, Object> body = new HashMap<>();
    if (email != null) {
      body.put("email", email);
    }
    body.put(
        "shippingAddress",
        Map.of(
            "name",
            "A",
            "line1",
            "1 Road",
            "city",
            "Paris",
            "postalCode",
            "75001",
            "country",
            "FR"));
    body.put("payment", Map.of("cardNumber", CARD, "expiry", "12/39", "cvc", "123"));
    return body;
  }

  private ShopClient.Response place(ShopClient who, String email) {
    return who.post(
        "/api/orders", checkout(email), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  @Test
  void priceRoundingAndWrongTaxChangeCartTotals() {
    ShopClient buyer = cartWith(1);
    var normal = buyer.get("/api/cart");
    assertThat(money(normal, "subtotal")).isEqualByComparingTo("19.97");
    BigDecimal tax = money(normal, "tax");

    enable("price-rounding", 1, "/api/cart");
    assertThat(money(buyer.get("/api/cart"), "subtotal")).isEqualByComparingTo("19.95");
    enable("price-rounding", 5, "/api/cart");
    assertThat(money(buyer.get("/api/cart"), "subtotal")).isEqualByComparingTo("10.00");
    api.disable("price-rounding");

    enable("wrong-tax", 1, "/api/cart");
    assertThat(money(buyer.get("/api/cart"), "tax")).isGreaterThan(tax);
    enable("wrong-tax", 5, "/api/cart");
    assertThat(money(buyer.get("/api/cart"), "tax")).isEqualByComparingTo("0.00");
    api.disable("wrong-tax");

    enable("total-mismatch", 5, "/api/cart");
    var broken = buyer.get("/api/cart");
    assertThat(money(broken, "total")).isEqualByComparingTo(money(broken, "subtotal"));
    api.disable("total-mismatch");
    assertThat(money(buyer.get("/api/cart"), "tax")).isEqualByComparingTo(tax);
  }

  @Test
  void oversellLetsACheckoutExceedTheStock() {
    ShopClient first = cartWith(1);
    ShopClient second = cartWith(1);
    ShopClient third = cartWith(1);
    assertThat(place(first, "a@example.test").status()).isEqualTo(201);
    assertThat(place(second, "b@example.test").status()).isEqualTo(409);
    enable("oversell", 1, "/api/orders");
    assertThat(place(second, "b@example.test").status())
        .as("sold with no stock left")
        .isEqualTo(201);
    assertThat(
            jdbc.sql("select stock from products where id = ?")
                .param(product)
                .query(Integer.class)
                .single())
        .isZero();
    api.disable("oversell");
    assertThat(place(third, "c@example.test").status()).isEqualTo(409);
  }

  @Test
  void slowDependencyDelaysThePaymentGatewayCall() {
    jdbc.sql("update products set stock = 5 where id = ?").param(product).update();
    enable("slow-dependency", 1, "/api/orders");
    ShopClient buyer = cartWith(1);
    long start = System.nanoTime();
    assertThat(place(buyer, "slow@example.test").status()).isEqualTo(201);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
  }

  @Test
  void idorServesSomeoneElsesOrder() {
    jdbc.sql("update products set stock = 5 where id = ?").param(product).update();
    ShopClient alice = register("alice");
    alice.post("/api/cart/items", Map.of("productId", product, "quantity", 1));
    var placed = place(alice, null);
    assertThat(placed.status()).isEqualTo(201);
    long id = placed.json().get("id").asLong();
    ShopClient bob = register("bob");
    assertThat(bob.get("/api/orders/" + id).status()).isEqualTo(404);
    enable("idor", 1, "/api/orders/*");
    assertThat(bob.get("/api/orders/" + id).status()).isEqualTo(200);
    enable("idor", 5, "/api/orders/*");
    assertThat(bob.get("/api/orders/" + id).json().get("id").asLong()).isEqualTo(id);
    api.disable("idor");
    assertThat(bob.get("/api/orders/" + id).status()).isEqualTo(404);
  }

  private ShopClient register(String name) {
    ShopClient who = new ShopClient(port);
    var res =
        who.post(
            "/api/auth/register",
            Map.of(
                "email", name + "-" + UUID.randomUUID() + "@example.test",
                "name", name,
                "password", name + "'s long secret"));
    assertThat(res.status()).isIn(200, 201);
    return who;
  }
}
