package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.perfshop.server.catalog.ProductRepository;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each security type at level 1 and 5 through the HTTP API (unsafe lab), and gone once disabled.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.chaos.unsafe-lab=true")
@Import(ChaosTestConfig.class)
class SecurityChaosTests {

  static final String GENERIC = "the server failed to handle this request";

  @LocalServerPort int port;
  @Autowired ProductRepository products;
  ChaosHttp api;
  long productId;
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
    productId = products.findAll().getFirst().getId();
  }

  @AfterEach
  void tearDown() {
    api.halt();
  }

  private void enable(String type, int level, String route) {
    var res = api.enable(type, Map.of("level", level, "routes", List.of(route)));
    assertThat(res.getStatusCode().value()).as(String.valueOf(res.getBody())).isEqualTo(200);
  }

  @Test
  void theStatusSaysWhichSafetyModeAllowsSecurityChaos() {
    assertThat(api.status()).containsEntry("safetyMode", "unsafe-lab");
  }

  @Test
  void missingSecurityHeadersDropsOneHeaderAtLevel1AndAllAtLevel5() {
    var normal = api.get("/api/categories").getHeaders();
    assertThat(normal.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(normal.getFirst("Permissions-Policy")).isNotNull();
    enable("missing-security-headers", 1, "/api/categories");
    var l1 = api.get("/api/categories").getHeaders();
    assertThat(l1.getFirst("Permissions-Policy")).isNull();
    assertThat(l1.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    enable("missing-security-headers", 5, "/api/categories");
    var l5 = api.get("/api/categories").getHeaders();
    assertThat(l5.headerNames())
        .doesNotContain(
            "Permissions-Policy",
            "Referrer-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "Content-Security-Policy");
    api.disable("missing-security-headers");
    assertThat(api.get("/api/categories").getHeaders().getFirst("Content-Security-Policy"))
        .isNotNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void verboseErrorsLeakTheExceptionAtLevel1AndPlatformVersionsAtLevel5() {
    String missing = "/api/products/987654";
    Map<String, Object> normal = json.readValue(api.get(missing).getBody(), Map.class);
    assertThat(normal).doesNotContainKeys("exception", "trace", "versions");
    enable("verbose-errors", 1, "/api/products/**");
    Map<String, Object> l1 = json.readValue(api.get(missing).getBody(), Map.class);
    assertThat(l1).containsEntry("exception", "dev.perfshop.server.system.ApiException");
    assertThat(l1).doesNotContainKeys("trace", "versions");
    enable("verbose-errors", 5, "/api/products/**");
    Map<String, Object> l5 = json.readValue(api.get(missing).getBody(), Map.class);
    assertThat((List<String>) l5.get("trace")).isNotEmpty();
    assertThat((Map<String, String>) l5.get("versions")).containsKeys("java", "database", "server");
    api.disable("verbose-errors");
    assertThat(json.readValue(api.get(missing).getBody(), Map.class))
        .doesNotContainKey("exception");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sqlInjectionInSearchIsRealWhileActive() {
    String attack = "zzzz' or 1=1 or 'a'='";
    String uri = "/api/products?size=5&q={q}";
    var normal = api.http.get().uri(uri, attack).retrieve().body(Map.class);
    assertThat(((Number) normal.get("totalItems")).intValue()).isZero();
    int all =
        ((Number)
                api.http
                    .get()
                    .uri("/api/products?size=1")
                    .retrieve()
                    .body(Map.class)
                    .get("totalItems"))
            .intValue();

    enable("sql-injection", 1, "/api/products");
    var l1 = api.http.get().uri(uri, attack).retrieve().body(Map.class);
    assertThat(((Number) l1.get("totalItems")).intValue())
        .as("tautology returns everything")
        .isEqualTo(all);
    var blind = api.http.get().uri(uri, "'").retrieve().toEntity(String.class);
    assertThat(blind.getStatusCode().value()).isEqualTo(500);
    assertThat(blind.getBody()).contains(GENERIC);

    enable("sql-injection", 5, "/api/products");
    var errorBased = api.http.get().uri(uri, "'").retrieve().toEntity(String.class);
    assertThat(errorBased.getStatusCode().value()).isEqualTo(500);
    assertThat(errorBased.getBody()).as("the database's own message").doesNotContain(GENERIC);
    assertThat(errorBased.getBody()).containsIgnoringCase("SQL");
    var dump = api.http.get().uri("/api/products?size=5000").retrieve().toEntity(Map.class);
    assertThat(dump.getStatusCode().value()).as("size limit ignored at level 4+").isEqualTo(200);

    api.disable("sql-injection");
    var after = api.http.get().uri(uri, attack).retrieve().body(Map.class);
    assertThat(((Number) after.get("totalItems")).intValue()).isZero();
  }

  private String reviewPage() {
    return api.http
        .get()
        .uri("/api/products/{id}/reviews.html", productId)
        .retrieve()
        .body(String.class);
  }

  private ResponseEntity<String> postReview(Map<String, Object> review) {
    return api.http
        .post()
        .uri("/api/products/{id}/reviews", productId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(review)
        .retrieve()
        .toEntity(String.class);
  }

  @Test
  void storedXssStopsEscapingReviewsOnTheRenderedPage() {
    postReview(
        Map.of("author", "<b>mallory</b>", "rating", 1, "body", "<script>alert(1)</script>"));
    assertThat(reviewPage())
        .contains("&lt;b&gt;mallory&lt;/b&gt;")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    enable("stored-xss", 1, "/api/products/*/reviews.html");
    assertThat(reviewPage())
        .contains("<b>mallory</b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    enable("stored-xss", 5, "/api/products/*/reviews.html");
    var l5 =
        api.http
            .get()
            .uri("/api/products/{id}/reviews.html", productId)
            .retrieve()
            .toEntity(String.class);
    assertThat(l5.getBody()).contains("<script>alert(1)</script>");
    assertThat(l5.getHeaders().getFirst("Content-Security-Policy")).isNull();
    api.disable("stored-xss");
    assertThat(reviewPage()).doesNotContain("<script>alert(1)");
  }

  @Test
  void cardDataInLogsWritesCardFieldsFromRequestBodies() {
    Logger payments = (Logger) LoggerFactory.getLogger("dev.perfshop.server.order.Payments");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    payments.addAppender(lines);
    Map<String, Object> body =
        Map.of(
            "author",
            "buyer",
            "rating",
            5,
            "body",
            "ok",
            "card",
            Map.of("number", "4111 1111 1111 1111", "expiry", "12/29", "cvv", "737"));
    try {
      postReview(body);
      assertThat(lines.list).isEmpty();
      enable("card-data-in-logs", 1, "/api/products/*/reviews");
      postReview(body);
      assertThat(lines.list).hasSize(1);
      assertThat(lines.list.getLast().getFormattedMessage())
          .contains("411111******1111")
          .doesNotContain("4111111111111111");
      enable("card-data-in-logs", 5, "/api/products/*/reviews");
      postReview(body);
      assertThat(lines.list.getLast().getFormattedMessage()).contains("4111 1111 1111 1111", "737");
      api.disable("card-data-in-logs");
      postReview(body);
      assertThat(lines.list).hasSize(2);
    } finally {
      payments.detachAppender(lines);
    }
  }
}
