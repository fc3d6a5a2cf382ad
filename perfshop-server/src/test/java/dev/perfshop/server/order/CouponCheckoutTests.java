package dev.perfshop.server.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Coupons at checkout (the shipped codes of the V40 migration), and double-discount acting on them
 * through the real admin API and checkout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CouponCheckoutTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  long product;

  @BeforeEach
  void productAtTwenty() {
    product = jdbc.sql("select min(id) from products").query(Long.class).single() + 21;
    jdbc.sql("update products set stock = 10, price = 20.00 where id = ?").param(product).update();
  }

  @AfterEach
  void halt() {
    admin("POST", "/api/admin/chaos/halt", null);
  }

  private ShopClient.Response admin(String method, String path, Object body) {
    return new ShopClient(port)
        .send(method, path, body, "application/json", Map.of(TestAdmin.HEADER, TestAdmin.TOKEN));
  }

  /** Two units at 20.00 (subtotal 40.00, under free shipping), checked out with a coupon. */
  private ShopClient.Response buyTwoWith(String coupon) {
    ShopClient guest = new ShopClient(port);
    assertThat(guest.post("/api/cart/items", Map.of("productId", product, "quantity", 2)).status())
        .isEqualTo(200);
    Map<String, Object> body = CheckoutTests.checkout("guest@example.test", CheckoutTests.CARD);
    if (coupon != null) {
      body.put("couponCode", coupon);
    }
    return guest.post("/api/orders", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  private long orders() {
    return jdbc.sql("select count(*) from orders").query(Long.class).single();
  }

  @Test
  void aCouponTakesItsShareOffBeforeTax() {
    var res = buyTwoWith("welcome10");

    assertThat(res.status()).as(res.body()).isEqualTo(201);
    assertThat(res.json().get("couponCode").asString()).isEqualTo("WELCOME10");
    assertThat(res.json().get("subtotal").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(res.json().get("discount").decimalValue()).isEqualByComparingTo("4.00");
    assertThat(res.json().get("tax").decimalValue()).isEqualByComparingTo("7.20");
    assertThat(res.json().get("shipping").decimalValue()).isEqualByComparingTo("4.90");
    assertThat(res.json().get("total").decimalValue()).isEqualByComparingTo("48.10");
    long id = res.json().get("id").asLong();
    assertThat(
            jdbc.sql("select discount from orders where id = ?")
                .param(id)
                .query(java.math.BigDecimal.class)
                .single())
        .isEqualByComparingTo("4.00");
  }

  @Test
  void withoutACouponThereIsNoDiscount() {
    var res = buyTwoWith(null);

    assertThat(res.status()).as(res.body()).isEqualTo(201);
    assertThat(res.json().get("discount").decimalValue()).isEqualByComparingTo("0");
    assertThat(res.json().get("total").decimalValue()).isEqualByComparingTo("52.90");
  }

  @Test
  void anUnknownOrInactiveCouponIsRefusedAndNothingIsStored() {
    long before = orders();
    for (String code : new String[] {"NOPE", "SUMMER15"}) {
      var res = buyTwoWith(code);
      assertThat(res.status()).as(code).isEqualTo(422);
      assertThat(res.json().get("reason").asString()).isEqualTo("invalid-coupon");
    }
    assertThat(orders()).isEqualTo(before);
    assertThat(
            jdbc.sql("select stock from products where id = ?")
                .param(product)
                .query(Integer.class)
                .single())
        .isEqualTo(10);
  }

  @Test
  void doubleDiscountAppliesTheCouponTwice() {
    var enabled = admin("PUT", "/api/admin/chaos/double-discount", Map.of("level", 4));
    assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);

    var res = buyTwoWith("WELCOME10");

    assertThat(res.status()).as(res.body()).isEqualTo(201);
    assertThat(res.json().get("discount").decimalValue()).isEqualByComparingTo("8.00");
    assertThat(res.json().get("total").decimalValue()).isEqualByComparingTo("43.30");
  }

  @Test
  void doubleDiscountLevelFiveAlsoDiscountsEveryLine() {
    admin("PUT", "/api/admin/chaos/double-discount", Map.of("level", 5));

    var res = buyTwoWith("WELCOME10");

    // twice 4.00 on the order, and 4.00 more on its one line
    assertThat(res.json().get("discount").decimalValue()).isEqualByComparingTo("12.00");
  }
}
