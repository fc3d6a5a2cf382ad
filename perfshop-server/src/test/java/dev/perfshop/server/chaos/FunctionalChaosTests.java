package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** Each functional type at level 1 and 5 through the HTTP API, and gone once disabled. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChaosTestConfig.class)
class FunctionalChaosTests {

  @LocalServerPort int port;
  ChaosHttp api;
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
  }

  @AfterEach
  void tearDown() {
    api.halt();
  }

  private void enable(String type, int level, String route) {
    assertThat(
            api.enable(type, Map.of("level", level, "probability", 1, "routes", List.of(route)))
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> page(String query) {
    return json.readValue(api.get("/api/products?" + query).getBody(), Map.class);
  }

  private static int total(Map<String, Object> page) {
    return ((Number) page.get("totalItems")).intValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> ids(Map<String, Object> page) {
    return ((List<Map<String, Object>>) page.get("items")).stream().map(p -> p.get("id")).toList();
  }

  @Test
  void errorRateFailsRequestsWithARealExceptionAtTheLevelsRate() {
    var l1 = api.enable("error-rate", Map.of("level", 1, "routes", List.of("/api/categories")));
    assertThat(l1.getBody()).containsEntry("probability", 0.02);
    enable("error-rate", 1, "/api/categories");
    var res = api.get("/api/categories");
    assertThat(res.getStatusCode().value()).isEqualTo(500);
    assertThat(res.getBody()).contains("https://perfshop.dev/problems/internal");
    var l5 = api.enable("error-rate", Map.of("level", 5, "routes", List.of("/api/categories")));
    assertThat(l5.getBody()).containsEntry("probability", 0.6);
    enable("error-rate", 5, "/api/categories");
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(500);
    api.disable("error-rate");
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void wrongStatusKeepsTheBodyAndChangesTheStatus() {
    String normal = api.get("/api/categories").getBody();
    enable("wrong-status", 1, "/api/categories");
    var l1 = api.get("/api/categories");
    assertThat(l1.getStatusCode().value()).isEqualTo(203);
    assertThat(l1.getBody()).isEqualTo(normal);
    enable("wrong-status", 5, "/api/categories");
    var l5 = api.get("/api/categories");
    assertThat(l5.getStatusCode().value()).isEqualTo(503);
    assertThat(l5.getBody()).isEqualTo(normal);
    api.disable("wrong-status");
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void brokenPaginationMiscountsAtLevel1AndEmptiesLaterPagesAtLevel5() {
    Map<String, Object> normal = page("size=10&page=1");
    enable("broken-pagination", 1, "/api/products");
    Map<String, Object> l1 = page("size=10&page=1");
    assertThat(total(l1)).isEqualTo(total(normal) + 1);
    assertThat(ids(l1)).isEqualTo(ids(normal));
    enable("broken-pagination", 5, "/api/products");
    Map<String, Object> l5 = page("size=10&page=1");
    assertThat(ids(l5)).isEmpty();
    assertThat(l5.get("totalPages")).isEqualTo(1);
    api.disable("broken-pagination");
    assertThat(page("size=10&page=1")).isEqualTo(normal);
  }

  @Test
  void brokenPaginationLevel2RepeatsAnItemAcrossPages() {
    Map<String, Object> first = page("size=10&page=0");
    enable("broken-pagination", 2, "/api/products");
    Map<String, Object> second = page("size=10&page=1");
    assertThat(ids(second).getFirst()).isEqualTo(ids(first).getLast());
  }

  @Test
  void brokenSearchDropsACharacterAtLevel1AndMatchesNothingAtLevel5() {
    int lamp = total(page("q=lamp&size=1"));
    int lam = total(page("q=lam&size=1"));
    assertThat(lamp).isPositive();
    enable("broken-search", 1, "/api/products");
    assertThat(total(page("q=lamp&size=1"))).isEqualTo(lam);
    enable("broken-search", 5, "/api/products");
    assertThat(total(page("q=lamp&size=1"))).isZero();
    api.disable("broken-search");
    assertThat(total(page("q=lamp&size=1"))).isEqualTo(lamp);
  }

  @Test
  @SuppressWarnings("unchecked")
  void stalePricesShowAnOutdatedPriceOnProductPages() {
    Map<String, Object> first =
        ((List<Map<String, Object>>) page("size=1").get("items")).getFirst();
    String detail = "/api/products/" + first.get("id");
    java.math.BigDecimal current = new java.math.BigDecimal(first.get("price").toString());
    enable("stale-prices", 1, "/api/products/*");
    assertThat(shownPrice(detail))
        .isEqualByComparingTo(
            current
                .multiply(new java.math.BigDecimal("1.02"))
                .setScale(2, java.math.RoundingMode.HALF_UP));
    enable("stale-prices", 5, "/api/products/*");
    assertThat(shownPrice(detail))
        .isEqualByComparingTo(
            current
                .multiply(new java.math.BigDecimal("0.50"))
                .setScale(2, java.math.RoundingMode.HALF_UP));
    api.disable("stale-prices");
    assertThat(shownPrice(detail)).isEqualByComparingTo(current);
  }

  @SuppressWarnings("unchecked")
  private java.math.BigDecimal shownPrice(String uri) {
    return new java.math.BigDecimal(
        json.readValue(api.get(uri).getBody(), Map.class).get("price").toString());
  }

  @Test
  void responseCorruptionDamagesTheBodyOnTheWire() {
    String normal = api.get("/api/categories").getBody();
    assertThat(normal).startsWith("[{\"id\"");
    enable("response-corruption", 1, "/api/categories");
    String l1 = api.get("/api/categories").getBody();
    assertThat(l1).startsWith("[{\"Id\"").hasSameSizeAs(normal);
    enable("response-corruption", 5, "/api/categories");
    String l5 = api.get("/api/categories").getBody();
    assertThat(l5).isNotEqualTo(normal);
    api.disable("response-corruption");
    assertThat(api.get("/api/categories").getBody()).isEqualTo(normal);
  }
}
