package dev.perfshop.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.RealParts;
import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Grafana dashboard of the lab shows data: a real server under shop, chaos and class traffic
 * is scraped by two real Prometheus servers configured from the lab's own files (the student one on
 * {@code /actuator/prometheus}, the instructor one on the token-protected endpoint), and every
 * panel expression is evaluated through Prometheus's HTTP API on the instance its data source
 * names. An expression of a job that runs here and that returns nothing fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardQueriesTests {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path PROMETHEUS_CONFIG = REPO.resolve("compose-templates/config/prometheus");

  /** Loki, Tempo and Pyroscope panels are checked by the lab's own tests, not here. */
  static final Set<String> PROMETHEUS_SOURCES = Set.of("prometheus", "prometheus-instructor");

  static final Path DASHBOARDS = REPO.resolve("compose-templates/config/grafana/dashboards");

  /** Jobs that run in this test; panels of other jobs (containers, JMeter) are not evaluated. */
  static final Set<String> RUNNING_JOBS = Set.of("perfshop-server", "prometheus");

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Map<String, String> ADMIN = Map.of(TestAdmin.HEADER, TestAdmin.TOKEN);

  @LocalServerPort int port;
  @TempDir Path tmp;
  final List<Process> prometheus = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : prometheus) {
      p.destroy();
      p.waitFor();
    }
    new ShopClient(port).send("POST", "/api/admin/chaos/halt", null, "application/json", ADMIN);
  }

  static Path prometheusBinary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "prometheus");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void everyDashboardExpressionOfARunningJobReturnsData() throws Exception {
    Path binary = prometheusBinary();
    RealParts.require(
        binary != null,
        "the prometheus binary",
        "apt-get install prometheus (Debian's package; .ci/run installs it)");
    Path token = Files.writeString(tmp.resolve("admin-token"), TestAdmin.TOKEN + "\n");
    Map<String, URI> byDatasource = new LinkedHashMap<>();
    byDatasource.put("prometheus", start(binary, "prometheus.yml", token));
    byDatasource.put("prometheus-instructor", start(binary, "prometheus-instructor.yml", token));
    for (URI p : byDatasource.values()) {
      awaitTargetUp(p);
    }

    traffic();

    List<String> empty = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int evaluated = 0;
    for (Path file : dashboardFiles()) {
      JsonNode board = JSON.readTree(file.toFile());
      for (JsonNode panel : board.get("panels")) {
        for (JsonNode target : panel.path("targets")) {
          String uid = target.path("datasource").path("uid").asString(null);
          if (uid == null) {
            uid = panel.path("datasource").path("uid").asString();
          }
          String where = DASHBOARDS.relativize(file) + " \"" + panel.get("title").asString() + "\"";
          if (!PROMETHEUS_SOURCES.contains(uid)) {
            skipped.add(where + " (data source " + uid + ", not Prometheus)");
            continue;
          }
          String expr = substituteVariables(target.get("expr").asString());
          Set<String> jobs = jobs(expr);
          if (!RUNNING_JOBS.containsAll(jobs)) {
            skipped.add(where + " (job " + jobs + ")");
            continue;
          }
          URI instance = byDatasource.get(uid);
          assertThat(instance).as(where + " names an unknown data source " + uid).isNotNull();
          evaluated++;
          String problem = problem(instance, expr);
          if (problem != null) {
            empty.add(where + " [" + uid + "] " + problem + ": " + expr);
          }
        }
      }
    }
    System.out.println("dashboard expressions evaluated: " + evaluated + "; skipped: " + skipped);
    assertThat(evaluated).isGreaterThan(40);
    assertThat(empty).as("dashboard expressions with no data or a missing label").isEmpty();
  }

  /** Grafana's template variables, as Grafana would substitute them for a 5 s scrape. */
  static String substituteVariables(String expr) {
    return expr.replace("$__rate_interval", "1m")
        .replace("${__rate_interval}", "1m")
        .replace("$__interval", "15s")
        .replace("${__interval}", "15s")
        .replace("$__range", "15m")
        .replace("${__range}", "15m");
  }

  static Set<String> jobs(String expr) {
    Set<String> out = new java.util.TreeSet<>();
    Matcher m = Pattern.compile("job\\s*=~?\\s*\"([^\"]*)\"").matcher(expr);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static List<Path> dashboardFiles() throws IOException {
    try (Stream<Path> s = Files.walk(DASHBOARDS)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** A real Prometheus on a random port, configured from the lab's file with local targets. */
  URI start(Path binary, String labFile, Path token) throws Exception {
    int promPort = freePort();
    String config = Files.readString(PROMETHEUS_CONFIG.resolve(labFile));
    Map<String, String> local =
        Map.of(
            "\"perfshop-server:8080\"",
            "\"127.0.0.1:" + port + "\"",
            "\"localhost:9090\"",
            "\"127.0.0.1:" + promPort + "\"",
            "scrape_interval: 5s",
            "scrape_interval: 1s",
            "scrape_timeout: 4s",
            "scrape_timeout: 1s");
    for (var e : local.entrySet()) {
      assertThat(config).as(labFile + " still has " + e.getKey()).contains(e.getKey());
      config = config.replace(e.getKey(), e.getValue());
    }
    config = config.replace("/etc/prometheus/admin-token", token.toString());
    String name = labFile.replace(".yml", "");
    Path file = Files.writeString(tmp.resolve(name + ".yml"), config);
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + file,
                "--storage.tsdb.path=" + tmp.resolve(name + "-data"),
                "--web.listen-address=127.0.0.1:" + promPort)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve(name + ".log").toFile())
            .start();
    prometheus.add(p);
    return URI.create("http://127.0.0.1:" + promPort);
  }

  void awaitTargetUp(URI instance) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!scrapesTheServer(instance)) {
      assertThat(System.nanoTime())
          .as("Prometheus " + instance + " scrapes the server within 60 s; log in " + tmp)
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  static boolean scrapesTheServer(URI instance) throws Exception {
    try {
      return hasData(instance, "up{job=\"perfshop-server\"} == 1");
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  /** Shop, chaos and class traffic for a few scrapes, so that rates have two samples. */
  void traffic() throws Exception {
    ShopClient admin = new ShopClient(port);
    long product = 1;
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/admin/chaos/error-rate",
                    Map.of("level", 5, "probability", 1, "routes", List.of("/api/categories")),
                    "application/json",
                    Map.of(TestAdmin.HEADER, TestAdmin.TOKEN, "X-Perfshop-Actor", "dashboards"))
                .status())
        .isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> session =
        JSON.convertValue(
            admin
                .send(
                    "POST",
                    "/api/admin/sessions",
                    Map.of("name", "dashboards", "level", "BAC1"),
                    "application/json",
                    ADMIN)
                .json(),
            Map.class);
    Object id = session.get("id");
    admin.send("POST", "/api/admin/sessions/" + id + "/open", null, "application/json", ADMIN);
    assertThat(
            admin
                .send(
                    "POST",
                    "/api/admin/sessions/" + id + "/enigmas",
                    Map.of(
                        "id",
                        "slow",
                        "question",
                        "Which route is slow?",
                        "answer",
                        Map.of("type", "route", "route", "GET /api/products/{id}"),
                        "hints",
                        List.of("Sort by p95.")),
                    "application/json",
                    ADMIN)
                .status())
        .isEqualTo(201);
    ShopClient student = new ShopClient(port);
    ShopClient.Response joined =
        student.post(
            "/api/student/join", Map.of("code", session.get("joinCode"), "nickname", "Dash"));
    assertThat(joined.status()).isEqualTo(201);
    Map<String, String> agent = Map.of("X-Agent-Code", joined.json().get("agentCode").asString());

    long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
    int round = 0;
    while (System.nanoTime() < until || round < 3) {
      ShopClient shopper = new ShopClient(port);
      shopper.get("/api/products?q=lamp&sort=price");
      shopper.get("/api/products/" + product);
      shopper.get("/api/categories"); // 500: chaos
      shopper.get("/api/does-not-exist"); // 404
      shopper.post("/api/orders", checkout(), Map.of("Idempotency-Key", UUID.randomUUID() + ""));
      assertThat(
              shopper.post("/api/cart/items", Map.of("productId", product, "quantity", 1)).status())
          .isEqualTo(200);
      assertThat(
              shopper
                  .post(
                      "/api/orders", checkout(), Map.of("Idempotency-Key", UUID.randomUUID() + ""))
                  .status())
          .isEqualTo(201);
      if (round == 0) {
        student.send("POST", "/api/student/enigmas/slow/hints", null, "application/json", agent);
        student.post("/api/student/enigmas/slow/answer", Map.of("answer", "GET /api/cart"), agent);
      }
      if (round == 1) {
        student.post(
            "/api/student/enigmas/slow/answer", Map.of("answer", "GET /api/products/{id}"), agent);
      }
      System.gc();
      round++;
      Thread.sleep(500);
    }
    Thread.sleep(3000); // the last scrapes
  }

  static Map<String, Object> checkout() {
    return Map.of(
        "email", "dash@example.test",
        "shippingAddress",
            Map.of(
                "name", "Ada Lovelace",
                "line1", "12 St James's Square",
                "city", "London",
                "postalCode", "SW1Y 4JH",
                "country", "GB"),
        "payment", Map.of("cardNumber", "4242424242424242", "expiry", "12/39", "cvc", "123"));
  }

  /**
   * Null when the expression returns series that carry every label it groups by ({@code sum by
   * (customer)} over a meter without that label returns one series with no label: a legend of
   * blanks); else what is wrong.
   */
  static String problem(URI instance, String expr) throws Exception {
    JsonNode result = query(instance, expr);
    if (result == null || !result.isArray() || result.isEmpty()) {
      return "no data";
    }
    Set<String> grouped = new java.util.TreeSet<>();
    Matcher by = Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(expr);
    while (by.find()) {
      for (String label : by.group(1).split(",")) {
        grouped.add(label.strip());
      }
    }
    grouped.remove("le"); // histogram_quantile consumes it
    for (JsonNode series : result) {
      for (String label : grouped) {
        if (series.path("metric").path(label).asString("").isEmpty()) {
          return "no label " + label + " in " + series.path("metric");
        }
      }
    }
    return null;
  }

  static boolean hasData(URI instance, String expr) throws Exception {
    JsonNode result = query(instance, expr);
    return result != null && result.isArray() && !result.isEmpty();
  }

  /** The result of an instant query, or null while Prometheus is not ready to answer. */
  static JsonNode query(URI instance, String expr) throws Exception {
    HttpResponse<String> response =
        ShopClient.SHARED.send(
            HttpRequest.newBuilder(
                    instance.resolve(
                        "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 503 || response.body().isEmpty()) {
      return null;
    }
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asString())
        .as("Prometheus accepts " + expr + ": " + response.body())
        .isEqualTo("success");
    return body.path("data").path("result");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
