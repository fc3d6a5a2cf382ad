package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignalsTracesTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private JsonNode traces(ShopClient client, String route) {
    ShopClient.Response res =
        client.get(
            "/api/stats/signals/traces"
                + (route == null
                    ? ""
                    : "?route=" + URLEncoder.encode(route, StandardCharsets.UTF_8)));
    assertThat(res.status()).isEqualTo(200);
    return res.json();
  }

  /**
   * The kept requests of {@code route}, waiting up to 10 s for the first: a request's trace is
   * stored when its observation stops, which may come just after the client has its answer.
   */
  private List<JsonNode> awaitTraces(ShopClient client, String route) throws InterruptedException {
    return list(awaitBody(client, route, t -> !t.isEmpty()).get("traces"));
  }

  private JsonNode awaitBody(
      ShopClient client, String route, java.util.function.Predicate<List<JsonNode>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonNode body = traces(client, route);
    while (!done.test(list(body.get("traces"))) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      body = traces(client, route);
    }
    return body;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void aSearchIsAWaterfallOfControllerServiceAndSqlSpans() throws InterruptedException {
    ShopClient client = new ShopClient(port);
    traces(client, null); // looking starts the recording
    String requestId = UUID.randomUUID().toString();
    ShopClient.Response search =
        client.send("GET", "/api/products?q=lamp", null, null, Map.of("X-Request-ID", requestId));
    assertThat(search.status()).isEqualTo(200);

    JsonNode body =
        awaitBody(
            client,
            "GET /api/products",
            ts -> ts.stream().anyMatch(t -> requestId.equals(t.get("requestId").asString())));
    assertThat(list(body.get("routes")))
        .anySatisfy(r -> assertThat(r.get("route").asString()).isEqualTo("GET /api/products"))
        .noneSatisfy(r -> assertThat(r.get("route").asString()).contains("/api/stats"));
    JsonNode trace =
        list(body.get("traces")).stream()
            .filter(t -> requestId.equals(t.get("requestId").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(trace.get("status").asInt()).isEqualTo(200);
    List<JsonNode> spans = list(trace.get("spans"));
    JsonNode root = spans.getFirst();
    assertThat(root.get("name").asString()).isEqualTo("GET /api/products");
    assertThat(root.get("parentId").asInt()).isZero();
    assertThat(root.get("kind").asString()).isEqualTo("server");
    JsonNode controller = named(spans, "CatalogController.");
    assertThat(controller.get("parentId").asInt()).isEqualTo(root.get("id").asInt());
    JsonNode service = named(spans, "CatalogService.");
    assertThat(service.get("parentId").asInt()).isEqualTo(controller.get("id").asInt());
    List<JsonNode> sql = spans.stream().filter(s -> s.get("kind").asString().equals("db")).toList();
    assertThat(sql).isNotEmpty();
    assertThat(sql)
        .anySatisfy(
            s -> {
              assertThat(s.get("name").asString()).isEqualTo("SELECT products");
              assertThat(s.get("attributes").get("db.query.text").asString())
                  .containsIgnoringCase("select");
            });
    // Every span lies within the request.
    for (JsonNode s : spans) {
      assertThat(s.get("offsetMillis").asDouble() + s.get("durationMillis").asDouble())
          .isLessThanOrEqualTo(root.get("durationMillis").asDouble() + 0.05);
    }
  }

  @Test
  void aCheckoutShowsThePaymentGatewayCall() throws InterruptedException {
    ShopClient guest = new ShopClient(port);
    traces(guest, null);
    long product = jdbc.sql("select min(id) from products").query(Long.class).single() + 7;
    jdbc.sql("update products set stock = 10 where id = ?").param(product).update();
    assertThat(guest.post("/api/cart/items", Map.of("productId", product, "quantity", 1)).status())
        .isEqualTo(200);
    Map<String, Object> body = new HashMap<>();
    body.put("email", "trace@example.test");
    body.put(
        "shippingAddress",
        Map.of(
            "name", "Ada Lovelace",
            "line1", "12 St James's Square",
            "city", "London",
            "postalCode", "SW1Y 4JH",
            "country", "GB"));
    body.put("payment", Map.of("cardNumber", "4242424242424242", "expiry", "12/39", "cvc", "123"));
    ShopClient.Response placed =
        guest.post("/api/orders", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(placed.status()).isBetween(200, 201);

    List<JsonNode> kept = awaitTraces(guest, "POST /api/orders");
    assertThat(kept).as("traces of POST /api/orders").isNotEmpty();
    JsonNode trace = kept.getFirst();
    List<JsonNode> spans = list(trace.get("spans"));
    JsonNode gateway = named(spans, "PaymentGateway.authorise");
    assertThat(gateway.get("kind").asString()).isEqualTo("client");
    assertThat(spans).anySatisfy(s -> assertThat(s.get("name").asString()).startsWith("INSERT"));
  }

  @Test
  void slowestComeFirstAndThePollingIsNotTraced() throws InterruptedException {
    ShopClient client = new ShopClient(port);
    traces(client, null);
    for (int i = 0; i < 5; i++) {
      client.get("/api/products/" + (i + 1));
    }
    JsonNode body = awaitBody(client, "GET /api/products/{id}", ts -> ts.size() >= 5);
    List<Double> durations =
        list(body.get("traces")).stream().map(t -> t.get("durationMillis").asDouble()).toList();
    assertThat(durations)
        .hasSizeGreaterThanOrEqualTo(5)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(list(traces(client, null).get("routes")))
        .noneSatisfy(r -> assertThat(r.get("route").asString()).startsWith("GET /api/stats"));
  }

  private static JsonNode named(List<JsonNode> spans, String prefix) {
    return spans.stream()
        .filter(s -> s.get("name").asString().contains(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + prefix + " in " + spans));
  }
}
