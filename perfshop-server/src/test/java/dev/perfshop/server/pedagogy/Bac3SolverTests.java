package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Solvers for the shipped BAC3 scenarios: the instructor's side plays the scenario as the runner
 * does ({@link ScenarioClass}); a {@link Student} answers from the live statistics, the Metrics tab
 * and the shop's own cart, and another seed's answer is refused where the answer is bound to the
 * run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Bac3SolverTests {

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
  void randomTarget() {
    Scenario s = ScenarioClass.shipped("random-target");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "target-route")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 2)) {
      mine.playUntil("1m");
      // the two slowest routes by p99, and the routes with errors: one route is in both lists
      Student.Row target =
          Student.waitFor(
              "one route among the slowest by p99 that also fails",
              Duration.ofSeconds(90),
              () -> {
                List<Student.Row> rows =
                    student.ranked(mine.window(), 15, Comparator.comparing(Student.Row::route));
                List<Student.Row> failing = rows.stream().filter(r -> r.errorRate() > 0).toList();
                List<String> slowest =
                    rows.stream()
                        .sorted(Comparator.comparingDouble(Student.Row::p99).reversed())
                        .limit(2)
                        .map(Student.Row::route)
                        .toList();
                List<Student.Row> both =
                    failing.stream().filter(r -> slowest.contains(r.route())).toList();
                return rows.size() >= 3 && both.size() == 1
                    ? Optional.of(both.getFirst())
                    : Optional.empty();
              });
      student.solves("target", target.route());
      mine.awaitFullWindow();
      student.solves(
          "target-p99", Student.ms(student.route(mine.window(), target.route()).get().p99()));
      student.solves(
          "target-errors",
          Student.percent(student.route(mine.window(), target.route()).get().errorRate()));
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused("target", target.route());
    }
  }

  @Test
  void poolExhaustion() {
    Scenario s = ScenarioClass.shipped("pool-exhaustion");
    ScenarioClass mine = new ScenarioClass(api, s, ScenarioClass.seedOf(s)).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 1)) {
      // before the anomaly, once the shop is warm: how long a request waits for a connection, on
      // the Metrics tab (a few ms)
      Bac2SolverTests.sleep(Duration.ofSeconds(30));
      double usualAcquire =
          Bac2SolverTests.recent(student, 15).stream()
              .mapToDouble(m -> Student.num(pool(m), "acquireMillis").doubleValue())
              .average()
              .orElse(0);
      long activated = System.currentTimeMillis() / 1000;
      mine.playUntil("5m");
      // the Metrics tab's pool since then: threads wait for a connection, and wait long
      Map<String, Object> waiting =
          Student.waitFor(
              "threads waiting for a connection (pending > 0)",
              Duration.ofSeconds(60),
              () ->
                  student.metrics(60).stream()
                      .filter(m -> Student.num(m, "t").longValue() >= activated)
                      .map(Bac3SolverTests::pool)
                      .filter(p -> Student.num(p, "pending").longValue() > 0)
                      .findFirst());
      assertThat(Student.num(waiting, "active").longValue())
          .as("every connection in use while threads wait")
          .isEqualTo(Student.num(waiting, "max").longValue());
      double slowAcquire =
          Student.waitFor(
              "the acquire time far above its usual",
              Duration.ofSeconds(60),
              () ->
                  student.metrics(60).stream()
                      .filter(m -> Student.num(m, "t").longValue() >= activated)
                      .map(m -> Student.num(pool(m), "acquireMillis").doubleValue())
                      .filter(ms -> ms > Math.max(50, 5 * usualAcquire))
                      .findFirst());
      assertThat(slowAcquire).isGreaterThan(usualAcquire);
      mine.awaitFullWindow();
      student.solves(
          "pending-metric",
          Student.ms(student.route(mine.window(), "GET /api/products").get().p95()));
      student.solves(
          "list-throughput",
          Student.rps(student.route(mine.window(), "GET /api/products").get().throughput()));
      student.solves(
          "detail-p99",
          Student.ms(student.route(mine.window(), "GET /api/products/{id}").get().p99()));
    }
  }

  /**
   * The seed draws a wrong tax rate or a wrong free-shipping threshold. The student recomputes
   * carts by the rules of docs/api.md (tax 20 % of the subtotal; shipping free from 50.00, else
   * 4.90) and finds which line breaks them; another class, whose seed drew the other defect,
   * refuses the answer.
   */
  @Test
  void checkoutTax() throws Exception {
    Scenario s = ScenarioClass.shipped("checkout-tax");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "defect")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 2)) {
      mine.playUntil("2m");
      JsonNode small = cart(1, 1);
      JsonNode big = cart(3, 4);
      JsonNode overThreshold = cartOverFreeShipping();
      BigDecimal subtotal = overThreshold.path("subtotal").decimalValue();
      assertThat(subtotal)
          .as("a cart between 50.00 and 100.00")
          .isBetween(new BigDecimal("50.00"), new BigDecimal("99.99"));
      boolean taxWrong = !taxedAt20(small) || !taxedAt20(big);
      boolean shippingWrong = overThreshold.path("shipping").decimalValue().signum() != 0;
      assertThat(taxWrong ^ shippingWrong).as("exactly one line breaks the rules").isTrue();
      int line =
          Bac1SolverTests.indexOf(
              Bac2SolverTests.option(s, "wrong-line"), taxWrong ? "Tax" : "Shipping");
      student.solves("wrong-line", List.of(line));
      if (taxWrong) {
        double r1 = rate(small);
        double r2 = rate(big);
        assertThat(r1).as("both carts taxed at the same wrong rate").isCloseTo(r2, within(0.002));
      }
      student.solves(
          "applied-rate",
          List.of(
              Bac1SolverTests.indexOf(
                  Bac2SolverTests.option(s, "applied-rate"),
                  taxWrong ? "wrong rate" : "Free shipping starts")));
      mine.awaitFullWindow();
      student.solves(
          "orders-errors",
          Student.percent(student.route(mine.window(), "POST /api/orders").get().errorRate()));
      student.solves(
          "orders-p95", Student.ms(student.route(mine.window(), "POST /api/orders").get().p95()));
      theirs.playUntil("2m");
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused("wrong-line", List.of(line));
    }
  }

  private static boolean taxedAt20(JsonNode cart) {
    BigDecimal expected = cart.path("subtotal").decimalValue().multiply(new BigDecimal("0.20"));
    return cart.path("tax")
            .decimalValue()
            .setScale(2, RoundingMode.HALF_UP)
            .compareTo(expected.setScale(2, RoundingMode.HALF_UP))
        == 0;
  }

  private static double rate(JsonNode cart) {
    return cart.path("tax").doubleValue() / cart.path("subtotal").doubleValue();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> pool(Map<String, Object> sample) {
    return (Map<String, Object>) sample.get("pool");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  /** A browser's cart with {@code lines} products × {@code quantity}: the cart the shop shows. */
  private JsonNode cart(int lines, int quantity) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    JsonNode page = JSON.readTree(get(browser, "/api/products?size=20&page=0"));
    int added = 0;
    for (JsonNode p : page.path("items")) {
      if (added == lines) {
        break;
      }
      if (p.path("stock").asInt() >= quantity) {
        add(browser, p.path("id").asLong(), quantity);
        added++;
      }
    }
    return JSON.readTree(get(browser, "/api/cart"));
  }

  /**
   * A cart whose subtotal lies between 50.00 (free shipping by the rules) and 100.00: enough units
   * of the cheapest product to pass 50.00.
   */
  private JsonNode cartOverFreeShipping() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    JsonNode page = JSON.readTree(get(browser, "/api/products?size=100&page=0&sort=price"));
    BigDecimal fifty = new BigDecimal("50.00");
    for (JsonNode p : page.path("items")) {
      BigDecimal price = p.path("price").decimalValue();
      int units = fifty.divide(price, 0, RoundingMode.CEILING).intValue();
      if (price.signum() > 0
          && price.multiply(BigDecimal.valueOf(units)).compareTo(new BigDecimal("100")) < 0
          && p.path("stock").asInt() >= units) {
        add(browser, p.path("id").asLong(), units);
        return JSON.readTree(get(browser, "/api/cart"));
      }
    }
    throw new AssertionError("no product makes a cart between 50.00 and 100.00: " + page);
  }

  private void add(HttpClient browser, long productId, int quantity) throws Exception {
    HttpResponse<String> res =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cart/items"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"productId\":" + productId + ",\"quantity\":" + quantity + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isLessThan(300);
  }

  private String get(HttpClient browser, String path) throws Exception {
    return browser
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
