package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Solvers for the shipped BAC5 scenarios that the embedded server can play: a {@link Student}
 * answers from the live statistics and the Traces and Metrics tabs ({@code /api/stats/signals/**}),
 * and a class whose seed drew another anomaly refuses the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Bac5SolverTests {

  private static final String CHECKOUT = "POST /api/orders";
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

  /**
   * Checkout slows down in the database or in the payment gateway (drawn from the seed) while a log
   * flood adds noise. The student opens the slowest checkout traces and adds up where their time
   * goes: SQL spans ({@code db}) or the call to the gateway ({@code client}).
   */
  @Test
  void rootCause() {
    Scenario s = ScenarioClass.shipped("root-cause");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "slow-part")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 1)) {
      mine.playUntil("6m");
      String component =
          Student.waitFor(
              "slow checkout traces whose time is in the database or in the gateway",
              Duration.ofSeconds(90),
              () -> slowPart(student));
      int answer = Bac1SolverTests.indexOf(Bac2SolverTests.option(s, "slow-span"), component);
      student.solves("slow-span", List.of(answer));
      mine.awaitFullWindow();
      Student.Row checkout = student.route(mine.window(), CHECKOUT).orElseThrow();
      student.solves("flood-rate", Student.rps(checkout.throughput()));
      student.solves("checkout-p99", Student.ms(checkout.p99()));
      student.solves("checkout-p50", Student.ms(checkout.p50()));
      theirs.playUntil("6m");
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused("slow-span", List.of(answer));
    }
  }

  /**
   * Over the slowest kept checkouts, the time in SQL spans against the time in calls to another
   * system: the one that carries most of a slow checkout names the component.
   */
  @SuppressWarnings("unchecked")
  private static Optional<String> slowPart(Student student) {
    Map<String, Object> view = student.signal("traces?route=" + CHECKOUT);
    List<Map<String, Object>> traces = (List<Map<String, Object>>) view.get("traces");
    if (traces == null || traces.size() < 3) {
      return Optional.empty();
    }
    double db = 0;
    double client = 0;
    double total = 0;
    for (Map<String, Object> t : traces.subList(0, 3)) {
      total += Student.num(t, "durationMillis").doubleValue();
      for (Map<String, Object> span : (List<Map<String, Object>>) t.get("spans")) {
        double d = Student.num(span, "durationMillis").doubleValue();
        switch (String.valueOf(span.get("kind"))) {
          case "db" -> db += d;
          case "client" -> client += d;
          default -> {}
        }
      }
    }
    // a slow part carries at least half of the slowest checkouts' time
    if (db > total / 2 && db > client) {
      return Optional.of("database");
    }
    if (client > total / 2 && client > db) {
      return Optional.of("payment gateway");
    }
    return Optional.empty();
  }

  /**
   * A game day of four incidents, each drawn among several from the seed. The runner's TTLs end
   * each incident before the next (the test ends them by hand on its compressed clock). The student
   * names each from the Metrics tab, carts and orders, and another class refuses the answers of
   * this one.
   */
  @Test
  void chaosDay() throws Exception {
    Scenario s = ScenarioClass.shipped("chaos-day");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "incident-1")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    Map<String, Integer> answers = new java.util.LinkedHashMap<>();
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 1)) {
      Bac2SolverTests.sleep(Duration.ofSeconds(20));
      List<Map<String, Object>> calm = Bac2SolverTests.recent(student, 15);
      double calmP95 = student.route(30, "GET /api/products").orElseThrow().p95();
      mine.playUntil("0s");
      // a student who reads the charts once the incident has filled them (the last 15 s all
      // inside it): garbage raises the CPU too, so one look at the start would mislead
      mine.awaitFullWindow();
      answers.put("first", solve(s, student, "first", () -> jvm(student, calm)));
      student.solves(
          "first-p99", Student.ms(student.route(mine.window(), "GET /api/products").get().p99()));

      end(mine, "incident-1");
      mine.playUntil("10m");
      answers.put("second", solve(s, student, "second", this::business));

      end(mine, "incident-2");
      mine.playUntil("20m");
      answers.put("third", solve(s, student, "third", () -> database(student)));

      end(mine, "incident-3");
      // the statistics of the last 30 s no longer carry incident 3 when incident 4 starts
      Bac2SolverTests.sleep(Duration.ofSeconds(30));
      mine.playUntil("28m");
      answers.put("fourth", solve(s, student, "fourth", () -> threads(student, calmP95)));
      mine.awaitFullWindow();
      student.solves(
          "fourth-p95", Student.ms(student.route(mine.window(), "GET /api/products").get().p95()));
    }
    // the class next door drew another first incident: this class's answer is wrong there
    api.admin("POST", "/api/admin/chaos/halt", null);
    theirs.playUntil("0s");
    new Student(api, theirs.joinCode(), "Copier", s.id())
        .isRefused("first", List.of(answers.get("first")));
  }

  private static int solve(
      Scenario s, Student student, String enigma, Supplier<Optional<String>> diagnosis) {
    String seen = Student.waitFor("the symptom of " + enigma, Duration.ofSeconds(90), diagnosis);
    int option = Bac1SolverTests.indexOf(Bac2SolverTests.option(s, enigma), seen);
    student.solves(enigma, List.of(option));
    return option;
  }

  /** What the runner's TTL does at real time: the incident ends before the next one starts. */
  private void end(ScenarioClass c, String binding) {
    api.admin("DELETE", "/api/admin/chaos/" + c.binding(binding), null);
  }

  /**
   * Incident 1 on the Metrics tab: a heap floor that climbs after every collection (a leak), many
   * more collections than before (garbage), or a process CPU that rises without them.
   */
  private static Optional<String> jvm(Student student, List<Map<String, Object>> calm) {
    List<Map<String, Object>> now = Bac2SolverTests.recent(student, 15);
    if (now.size() < 2) {
      return Optional.empty();
    }
    double floorBefore = heapFloor(calm.getLast());
    double floorNow = heapFloor(now.getLast());
    if (floorNow - floorBefore > 150 * 1024 * 1024) {
      return Optional.of("heap keeps growing");
    }
    double gcBefore = gcCount(calm);
    double gcNow = gcCount(now);
    if (gcNow > gcBefore * 3 + 5) {
      return Optional.of("garbage collection");
    }
    if (Bac2SolverTests.meanCpu(now) > Bac2SolverTests.meanCpu(calm) * 1.5
        && gcNow <= gcBefore * 1.5 + 2) {
      return Optional.of("CPU is busy");
    }
    return Optional.empty();
  }

  private static double heapFloor(Map<String, Object> sample) {
    return Student.num(Bac2SolverTests.part(sample, "heap"), "afterGc").doubleValue();
  }

  private static double gcCount(List<Map<String, Object>> samples) {
    return samples.stream()
        .mapToDouble(m -> Student.num(Bac2SolverTests.part(m, "gc"), "pauses").doubleValue())
        .sum();
  }

  /**
   * Incident 2 with carts and orders, by the rules of docs/api.md: a tax line that is not 20 % of
   * the subtotal, an order whose total is not the sum of its parts, or a second cart holding the
   * last units of a product that still checks out.
   */
  private Optional<String> business() {
    try {
      JsonNode cart = cartWith(firstInStock(1), 1, new HttpClient[1]);
      BigDecimal expected =
          cart.path("subtotal")
              .decimalValue()
              .multiply(new BigDecimal("0.20"))
              .setScale(2, java.math.RoundingMode.HALF_UP);
      if (cart.path("tax").decimalValue().compareTo(expected) != 0) {
        return Optional.of("tax line");
      }
      for (int i = 0; i < 12; i++) {
        HttpClient[] browser = new HttpClient[1];
        cartWith(firstInStock(1), 1, browser);
        JsonNode order = JSON.readTree(checkout(browser[0]).body());
        BigDecimal parts =
            order
                .path("subtotal")
                .decimalValue()
                .subtract(order.path("discount").decimalValue())
                .add(order.path("tax").decimalValue())
                .add(order.path("shipping").decimalValue());
        if (parts.compareTo(order.path("total").decimalValue()) != 0) {
          return Optional.of("order total differs");
        }
        if (oversold()) {
          return Optional.of("beyond the stock");
        }
      }
      return Optional.empty();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Two carts hold the last units of one product; both check out only if the stock check slips. */
  private boolean oversold() throws Exception {
    JsonNode product = lowStock();
    int units = product.path("stock").asInt();
    HttpClient[] a = new HttpClient[1];
    HttpClient[] b = new HttpClient[1];
    if (add(product, units, a) >= 300 || add(product, units, b) >= 300) {
      return false; // a shopper bought one of them meanwhile: try another product
    }
    int first = checkout(a[0]).statusCode();
    int second = checkout(b[0]).statusCode();
    return first == 201 && second == 201;
  }

  /** The product with the fewest units left that one cart can hold entirely. */
  private JsonNode lowStock() throws Exception {
    JsonNode best = null;
    for (int page = 0; page < 4; page++) {
      for (JsonNode p : JSON.readTree(get("/api/products?size=100&page=" + page)).path("items")) {
        int stock = p.path("stock").asInt();
        if (stock >= 1 && stock <= 99 && (best == null || stock < best.path("stock").asInt())) {
          best = p;
        }
      }
    }
    if (best == null) {
      throw new AssertionError("no product with 1 to 99 units left");
    }
    return best;
  }

  private JsonNode firstInStock(int units) throws Exception {
    for (JsonNode p : JSON.readTree(get("/api/products?size=100&page=0")).path("items")) {
      if (p.path("stock").asInt() >= units + 10) {
        return p;
      }
    }
    throw new AssertionError("no product in stock");
  }

  private JsonNode cartWith(JsonNode product, int units, HttpClient[] browser) throws Exception {
    assertThat(add(product, units, browser)).isLessThan(300);
    return JSON.readTree(
        browser[0]
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cart"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  /** A new browser puts {@code units} of the product in its cart: the status of the answer. */
  private int add(JsonNode product, int units, HttpClient[] browser) throws Exception {
    browser[0] = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    return browser[0]
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cart/items"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"productId\":"
                            + product.path("id").asLong()
                            + ",\"quantity\":"
                            + units
                            + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private HttpResponse<String> checkout(HttpClient browser) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(Shoppers.CHECKOUT))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * Incident 3 on the live statistics and the Metrics tab: database-backed routes that answer 503,
   * or SQL statements that take much longer than before.
   */
  private static Optional<String> database(Student student) {
    boolean failing =
        student.routes(30).stream()
            .anyMatch(r -> r.route().startsWith("GET /api/products") && r.errorRate() > 0.05);
    if (failing) {
      return Optional.of("fail at once with 503");
    }
    Map<String, Object> sql = Bac2SolverTests.part(student.metrics(60).getLast(), "sql");
    return Student.num(sql, "meanMillis").doubleValue() > 15
        ? Optional.of("SQL statement takes longer")
        : Optional.empty();
  }

  /**
   * Incident 4: requests that take turns through a lock are all slow at once (the product list's
   * p95 far above its calm value); leaked threads pile up in the Dumps tab as one-off pools while
   * requests stay quick.
   */
  private static Optional<String> threads(Student student, double calmP95) {
    Optional<Student.Row> list = student.route(30, "GET /api/products");
    if (list.isPresent() && list.get().p95() > Math.max(calmP95 * 3, calmP95 + 100)) {
      return Optional.of("wait for each other on a lock");
    }
    // The Dumps tab: a thread pool created per request and never shut down leaves one
    // "pool-N-thread-1" per request, each N new. (The thread count on the Metrics tab is no proof
    // by itself: the request threads that incident 3 made the server start may still be alive, or
    // retiring while the leak grows, as on a loaded CI machine where 106 of them were.)
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> dump =
        (List<Map<String, Object>>) student.signal("threads").get("threads");
    long pools =
        dump.stream()
            .map(t -> String.valueOf(t.get("name")))
            .filter(name -> name.matches("pool-\\d+-thread-1"))
            .distinct()
            .count();
    return pools >= 30 ? Optional.of("keep being created") : Optional.empty();
  }
}
