package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Grafana dashboard is valid JSON, lives in the Student or Instructor folder, and every
 * PromQL query names metrics the server really exports: the real server jar is started, used a
 * little, and its {@code /actuator/prometheus} output is the reference. Meters a feature registers
 * lazily (only once it acts) are accepted when the server's source declares them.
 */
class GrafanaDashboardsTests {

  static Process server;
  static Set<String> scraped = new TreeSet<>();
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Micrometer's JVM meters that are registered lazily: the GC pause timer appears only after the
   * first collection, which a freshly started test server may not have had yet.
   */
  static final Set<String> JVM_LAZY =
      Set.of(
          "jvm_gc_pause_seconds",
          "jvm_gc_pause_seconds_count",
          "jvm_gc_pause_seconds_sum",
          "jvm_gc_pause_seconds_max",
          "jvm_gc_pause_seconds_bucket");

  @BeforeAll
  static void startTheRealServerAndScrapeIt(@TempDir Path data) throws Exception {
    Path jar = LabSupport.serverJar();
    LabSupport.require(
        Files.isRegularFile(jar),
        "the server jar " + jar,
        "build the reactor (./mvnw package) first");
    int port = LabSupport.freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("server.log").toFile());
    pb.environment().put("PERFSHOP_DATADIR", data.resolve("data").toString());
    pb.environment().put("PERFSHOP_ADMIN_TOKEN", "dashboards-test-token-0123456789abcdef");
    server = pb.start();
    URI base = URI.create("http://127.0.0.1:" + port);
    try (HttpClient http = HttpClient.newHttpClient()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (true) {
        assertThat(server.isAlive())
            .as("server alive; log: " + data.resolve("server.log"))
            .isTrue();
        try {
          if (get(http, base.resolve("/actuator/health/readiness")).statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // starting
        }
        assertThat(System.nanoTime()).as("server ready within 120 s").isLessThan(deadline);
        Thread.sleep(250);
      }
      for (String path :
          List.of(
              "/api/products",
              "/api/products/1",
              "/api/categories",
              "/api/does-not-exist",
              "/api/products?page=-1")) {
        get(http, base.resolve(path));
      }
      String body = get(http, base.resolve("/actuator/prometheus")).body();
      for (String line : body.split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          scraped.add(line.split("[{ ]", 2)[0]);
        }
      }
    }
  }

  static HttpResponse<String> get(HttpClient http, URI uri)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  /** Meter names the server's main source declares ({@code "perfshop.…"}), as Prometheus names. */
  static Set<String> declaredInSource() throws IOException {
    Set<String> names = new TreeSet<>();
    Path src = LabSupport.repo().resolve("perfshop-server/src/main/java");
    Pattern literal = Pattern.compile("\"(perfshop\\.[a-z0-9_.]+)\"");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (text.contains("MeterRegistry")) {
          Matcher m = literal.matcher(text);
          while (m.find()) {
            names.add(m.group(1));
          }
        }
      }
    }
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      String base = n.replace('.', '_');
      out.addAll(
          List.of(
              base,
              base + "_total",
              base + "_seconds_count",
              base + "_seconds_sum",
              base + "_seconds_max",
              base + "_seconds_bucket"));
    }
    return out;
  }

  static final Pattern IDENT =
      Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "and",
          "or",
          "unless",
          "inf",
          "nan");

  /** The metric names a PromQL expression selects. */
  static Set<String> metricNames(String expr) {
    String e = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    e = e.replaceAll("\\{[^}]*}", "");
    e = e.replaceAll("\\[[^]]*]", "");
    e = e.replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
    Set<String> out = new TreeSet<>();
    Matcher m = IDENT.matcher(e);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  static Map<Path, JsonNode> dashboards() throws IOException {
    Map<Path, JsonNode> out = new TreeMap<>();
    Path dir = LabSupport.templates().resolve("config/grafana/dashboards");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
        out.put(dir.relativize(f), JSON.readTree(f.toFile()));
      }
    }
    return out;
  }

  @Test
  void theMetricExtractorFindsMetricsNotFunctionsOrLabels() {
    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job=\"x\", uri!~\"/a.*\"}[1m])))"))
        .containsExactly("http_server_requests_seconds_bucket");
    assertThat(metricNames("sum(rate(a_total[1m])) / clamp_min(sum(rate(b_count[5m])), 1e-9) * 60"))
        .containsExactly("a_total", "b_count");
  }

  @Test
  void dashboardsAreValidJsonInTheStudentOrInstructorFolder() throws IOException {
    Map<Path, JsonNode> boards = dashboards();
    assertThat(boards.keySet().stream().map(p -> p.getName(0).toString()))
        .containsOnly("student", "instructor")
        .contains("student", "instructor");
    Set<String> uids = new TreeSet<>();
    for (var e : boards.entrySet()) {
      JsonNode b = e.getValue();
      assertThat(b.path("uid").asText()).as(e.getKey() + " uid").isNotBlank();
      assertThat(uids.add(b.path("uid").asText())).as("unique uid " + b.path("uid")).isTrue();
      assertThat(b.path("title").asText()).isNotBlank();
      assertThat(b.path("panels").size()).as(e.getKey() + " panels").isGreaterThan(0);
      for (JsonNode p : b.path("panels")) {
        assertThat(p.path("targets").size())
            .as(e.getKey() + " / " + p.path("title") + " queries")
            .isGreaterThan(0);
        for (JsonNode t : p.path("targets")) {
          // Student dashboards read the student Prometheus; instructor ones the instructor
          // Prometheus (the only one with the chaos meters), which only their Grafana has.
          if (t.path("datasource").path("type").asText().equals("prometheus")) {
            assertThat(t.path("datasource").path("uid").asText())
                .as(e.getKey() + " / " + p.path("title") + " data source")
                .isEqualTo(
                    e.getKey().getName(0).toString().equals("student")
                        ? "prometheus"
                        : "prometheus-instructor");
          }
          assertThat(
                  t.path("expr").asText()
                      + t.path("query").asText()
                      + t.path("profileTypeId").asText())
              .as(e.getKey() + " / " + p.path("title") + " query")
              .isNotBlank();
        }
      }
    }
  }

  @Test
  void everyQueryNamesMetricsTheServerExports() throws IOException {
    assertThat(scraped)
        .as("the real scrape")
        .contains(
            "http_server_requests_seconds_bucket",
            "jvm_memory_used_bytes",
            "hikaricp_connections_active",
            "process_cpu_usage");
    Set<String> declared = declaredInSource();
    List<String> unknown = new ArrayList<>();
    int checked = 0;
    for (var e : dashboards().entrySet()) {
      boolean containers = e.getKey().getFileName().toString().equals("containers.json");
      for (JsonNode p : e.getValue().path("panels")) {
        for (JsonNode t : p.path("targets")) {
          if (!t.path("datasource").path("type").asText().equals("prometheus")) {
            continue; // LogQL, TraceQL and profile queries: see the tests below
          }
          for (String metric : metricNames(t.path("expr").asText())) {
            checked++;
            boolean known =
                scraped.contains(metric)
                    || declared.contains(metric)
                    || metric.equals("up")
                    || JVM_LAZY.contains(metric)
                    || (containers && LabMonitor.METRICS.contains(metric));
            if (!known) {
              unknown.add(e.getKey() + " / " + p.path("title").asText() + ": " + metric);
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
    assertThat(unknown)
        .as("metrics no server exports (scrape had %d names)", scraped.size())
        .isEmpty();
  }
}
