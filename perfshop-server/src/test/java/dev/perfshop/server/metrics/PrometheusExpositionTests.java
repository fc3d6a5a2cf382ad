package dev.perfshop.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.RealParts;
import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code promtool check metrics} (Debian's prometheus package) finds nothing of ours to fix in
 * either scrape: counter names, units, help texts. Warnings about meters we do not name (listed in
 * {@link #NOT_OURS}, see docs/api.md) are accepted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusExpositionTests {

  /**
   * promtool findings about meters we do not name (docs/api.md, "Metrics"): Spring's HTTP server
   * and scheduled-task observations and Micrometer's Tomcat binder register no description;
   * Micrometer's JVM and process binders name {@code jvm.compilation.time} in ms, {@code
   * process.cpu.time} in ns and the gauge {@code system.cpu.count}.
   */
  static final List<String> NOT_OURS =
      List.of(
          "http_server_requests_seconds no help text",
          "http_server_requests_seconds_max no help text",
          "http_server_requests_active_seconds",
          "tomcat_sessions_",
          "tasks_scheduled_execution",
          "jvm_compilation_time_ms_total metric names should not contain abbreviated units",
          "process_cpu_time_ns_total metric names should not contain abbreviated units",
          "system_cpu_count non-histogram and non-summary metrics should not have \"_count\"");

  @Test
  void promtoolReportsAMeterOfOursThatBreaksTheConventions() throws Exception {
    Path promtool = promtool();
    RealParts.require(
        promtool != null,
        "promtool",
        "apt-get install prometheus (Debian's package; .ci/run installs it)");
    // The check above can fail: the same lint on a counter of ours without help or _total.
    assertThat(check(promtool, "# TYPE perfshop_orders_placed counter\nperfshop_orders_placed 1\n"))
        .anySatisfy(f -> assertThat(f).startsWith("perfshop_orders_placed"))
        .allSatisfy(f -> assertThat(NOT_OURS).noneMatch(f::startsWith));
  }

  @LocalServerPort int port;

  @Test
  void promtoolFindsNothingOfOursInThePublicOrTheAdminScrape() throws Exception {
    Path promtool = promtool();
    RealParts.require(
        promtool != null,
        "promtool",
        "apt-get install prometheus (Debian's package; .ci/run installs it)");
    new ShopClient(port).get("/api/products");
    for (var scrape :
        Map.of(
                "/actuator/prometheus",
                Map.<String, String>of(),
                "/api/admin/metrics/prometheus",
                Map.of(TestAdmin.HEADER, TestAdmin.TOKEN))
            .entrySet()) {
      String text = scrape(scrape.getKey(), scrape.getValue());
      List<String> findings = check(promtool, text);
      List<String> ours =
          findings.stream().filter(f -> NOT_OURS.stream().noneMatch(f::startsWith)).toList();
      assertThat(ours).as("promtool check metrics on " + scrape.getKey()).isEmpty();
    }
  }

  static Path promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "promtool");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static List<String> check(Path promtool, String exposition) throws Exception {
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    System.out.println("promtool check metrics:\n" + out);
    return Arrays.stream(out.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  String scrape(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/plain;version=0.0.4");
    headers.forEach(request::header);
    HttpResponse<String> response =
        ShopClient.SHARED.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
