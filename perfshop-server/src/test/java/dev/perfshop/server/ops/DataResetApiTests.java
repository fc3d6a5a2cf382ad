package dev.perfshop.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataResetApiTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private List<String> catalogue() {
    return jdbc.sql(
            "select concat(id, ':', sku, ':', name, ':', price, ':', stock) from products order by id")
        .query(String.class)
        .list();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  @Test
  void resetDeletesOrdersAndCartsAndRestoresTheSeedCatalogueAndStockUnderTheSameIds() {
    ShopClient admin = new ShopClient(port);
    Map<String, String> token = Map.of(TestAdmin.HEADER, TestAdmin.TOKEN);
    assertThat(admin.post("/api/admin/data/reset", null, token).status()).isEqualTo(200);
    List<String> seed = catalogue();

    String email = "reset-" + UUID.randomUUID() + "@example.test";
    ShopClient customer = new ShopClient(port);
    customer.post(
        "/api/auth/register", Map.of("email", email, "name", "Cy", "password", "long enough"));
    long product =
        jdbc.sql("select min(id) from products where stock > 5").query(Long.class).single();
    customer.post("/api/cart/items", Map.of("productId", product, "quantity", 2));
    var order =
        customer.post(
            "/api/orders",
            Map.of(
                "shippingAddress",
                Map.of(
                    "name",
                    "Cy",
                    "line1",
                    "1 Rue",
                    "city",
                    "Lyon",
                    "postalCode",
                    "69001",
                    "country",
                    "FR"),
                "payment",
                Map.of("cardNumber", "4242424242424242", "expiry", "01/40", "cvc", "999")),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(order.status()).isEqualTo(201);
    new ShopClient(port).post("/api/cart/items", Map.of("productId", product, "quantity", 1));
    jdbc.sql("update products set price = 0.01").update();
    jdbc.sql(
            "insert into products (sku, name, description, price, stock, category_id, hue,"
                + " created_at) select 'PS-EXTRA', 'Extra', 'not in the seed', 1.00, 1,"
                + " min(id), 0, current_timestamp from categories")
        .update();
    assertThat(catalogue()).isNotEqualTo(seed);

    var reset = admin.post("/api/admin/data/reset", null, token);

    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json().get("ordersDeleted").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(reset.json().get("cartsDeleted").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(catalogue()).isEqualTo(seed);
    for (String table :
        List.of(
            "orders",
            "order_lines",
            "stock_movements",
            "payments",
            "idempotency_keys",
            "carts",
            "cart_items")) {
      assertThat(count(table)).as(table).isZero();
    }
    assertThat(customer.get("/api/auth/me").status()).isEqualTo(200);
    assertThat(customer.get("/api/orders").json().get("items")).isEmpty();
  }
}
