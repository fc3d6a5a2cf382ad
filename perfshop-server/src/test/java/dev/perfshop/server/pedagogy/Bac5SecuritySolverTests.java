package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The solver of {@code security-findings}: a student probes the live shop as a tester would. A
 * single quote in each catalogue parameter; the one whose answer differs from a harmless value's (a
 * server error where the others are refused or ignored) is injectable. Two accounts, one order
 * each: the route that answers one customer's order to the other names the flaw. The server listens
 * on loopback only, so its safety mode lets the security family run.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class Bac5SecuritySolverTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @AfterEach
  void calm() {
    api.admin("POST", "/api/admin/chaos/halt", null);
  }

  @Test
  void securityFindings() throws Exception {
    Scenario s = ScenarioClass.shipped("security-findings");
    ScenarioClass mine = new ScenarioClass(api, s, ScenarioClass.seedOf(s)).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    mine.playUntil("5m");

    // a quote against a harmless value, in each parameter of the catalogue search
    String injectable = null;
    for (String param : List.of("q", "category", "sort", "page", "size")) {
      int harmless = status("/api/products?" + param + "=" + harmless(param));
      int quoted = status("/api/products?" + param + "=" + enc(harmless(param) + "'"));
      if (harmless == 200 && quoted >= 500) {
        assertThat(injectable).as("one parameter only breaks on a quote").isNull();
        injectable = param;
      }
    }
    assertThat(injectable).as("a parameter whose quote breaks the query").isNotNull();
    student.solves("injectable-param", injectable);

    // two customers, one order each: does one read the other's?
    HttpClient ada = customer("ada");
    HttpClient bob = customer("bob");
    long adasOrder = order(ada);
    order(bob);
    HttpResponse<String> peek = get(bob, "/api/orders/" + adasOrder);
    assertThat(peek.statusCode()).as("bob reads ada's order: %s", peek.body()).isEqualTo(200);
    assertThat(JSON.readTree(peek.body()).path("id").asLong()).isEqualTo(adasOrder);
    student.solves("idor-route", "GET /api/orders/" + adasOrder);
    // the weakness has a name: MITRE's CWE for a user-controlled key (the hint of the question)
    student.solves("idor-cwe", "639");
  }

  private static String harmless(String param) {
    return switch (param) {
      case "page" -> "0";
      case "size" -> "5";
      case "sort" -> "name";
      case "category" -> "books";
      default -> "mug";
    };
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private int status(String path) throws Exception {
    return get(HttpClient.newHttpClient(), path).statusCode();
  }

  private HttpClient customer(String name) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String email = name + "-" + UUID.randomUUID() + "@example.test";
    HttpResponse<String> res =
        post(
            browser,
            "/api/auth/register",
            JSON.writeValueAsString(
                Map.of("email", email, "name", name, "password", "correct horse " + name)));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return browser;
  }

  private long order(HttpClient browser) throws Exception {
    JsonNode products = JSON.readTree(get(browser, "/api/products?size=50").body()).path("items");
    for (JsonNode p : products) {
      if (p.path("stock").asInt() >= 5) {
        assertThat(
                post(
                        browser,
                        "/api/cart/items",
                        "{\"productId\":" + p.path("id").asLong() + ",\"quantity\":1}")
                    .statusCode())
            .isLessThan(300);
        break;
      }
    }
    HttpResponse<String> res = post(browser, "/api/orders", Shoppers.CHECKOUT);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return JSON.readTree(res.body()).path("id").asLong();
  }

  private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HttpClient browser, String path, String json) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
