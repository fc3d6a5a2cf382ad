package dev.perfshop.server.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** dynamic-ids through the real admin API and cart routes: a recorded product id stops working. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CartLineIdsTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void halt() {
    admin("POST", "/api/admin/chaos/halt", null);
  }

  private ShopClient.Response admin(String method, String path, Object body) {
    return new ShopClient(port)
        .send(method, path, body, "application/json", Map.of(TestAdmin.HEADER, TestAdmin.TOKEN));
  }

  @Test
  void lineRoutesTakeTheIdOfTheCartResponseNotTheProductId() {
    long product = jdbc.sql("select min(id) from products").query(Long.class).single() + 22;
    jdbc.sql("update products set stock = 10 where id = ?").param(product).update();
    assertThat(admin("PUT", "/api/admin/chaos/dynamic-ids", Map.of("level", 1)).status())
        .isEqualTo(200);
    ShopClient guest = new ShopClient(port);
    guest.post("/api/cart/items", Map.of("productId", product, "quantity", 1));

    long shown = guest.get("/api/cart").json().get("items").get(0).get("productId").asLong();

    assertThat(shown).isNotEqualTo(product);
    assertThat(guest.delete("/api/cart/items/" + product).status()).isEqualTo(404);
    var removed = guest.delete("/api/cart/items/" + shown);
    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(removed.json().get("items")).isEmpty();
  }
}
