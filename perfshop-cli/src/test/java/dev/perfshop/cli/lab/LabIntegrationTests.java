package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfshop.cli.lab.engines.DockerJavaEngine;
import dev.perfshop.cli.support.Cli;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab end to end on a real Docker engine, with images built on this machine (no registry):
 * {@code lab up} of the core profile plus Prometheus from the LOCAL stand-ins mapped by an
 * image-override file (MariaDB for MySQL 8.4, Debian's Prometheus and nginx, the server image built
 * from this checkout's jar on a debootstrap'ed base with a jlink'ed JDK).
 */
class LabIntegrationTests {

  // A name of its own per run: a concurrent run (another checkout's tests) never touches this lab.
  static final String NAME =
      "e2e-"
          + Long.toString(System.nanoTime() & 0xffffffL, 36)
          + Long.toString(ProcessHandle.current().pid() % 1296, 36);
  static final String PROJECT = LabSpec.project(NAME);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path base;
  boolean started;

  @AfterEach
  void downWithVolumes() {
    if (started) {
      LabSupport.Run r =
          LabSupport.cli("lab", "down", "--volumes", "--dir", base.toString(), "--name", NAME);
      System.err.println("cleanup: lab down --volumes -> " + r.exitCode());
    }
  }

  static Optional<String> engineProblem() {
    try (DockerJavaEngine engine = DockerJavaEngine.connect()) {
      engine.info();
      return Optional.empty();
    } catch (LabException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Test
  void coreWithPrometheusComesUpHealthyScrapesTheServerSurvivesAKilledDatabaseAndKeepsData()
      throws Exception {
    Path override = LabSupport.requireLabParts();

    base = tmp.resolve(".perfshop");
    int offset = freeOffset();
    LabPorts ports = new LabPorts(offset);
    List<String> up =
        LabSupport.labUp(
            base,
            NAME,
            "core,observability",
            "mysql,perfshop-server,nginx,perfshop-monitor,prometheus",
            offset,
            override);
    started = true;
    LabSupport.Run first = LabSupport.cli(concat(up, "--rebuild"));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("Lab '" + NAME + "' is up")
        .contains("http://127.0.0.1:" + ports.port("PROMETHEUS_PORT"));
    assertThat(Files.readString(base.resolve("lab.properties")))
        .contains("url=http://127.0.0.1:" + ports.port("SERVER_PORT"))
        .contains("admin-token-file=lab/" + NAME + "/admin-token");

    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      // The shop answers through the stack (nginx -> server -> MariaDB).
      HttpResponse<String> products =
          get(http, "http://127.0.0.1:" + ports.port("WEB_PORT") + "/api/products");
      assertThat(products.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(products.body()).path("items").size()).isGreaterThan(0);

      // Prometheus scrapes the server: a real target, up.
      String prom = "http://127.0.0.1:" + ports.port("PROMETHEUS_PORT");
      JsonNode target = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        for (JsonNode t :
            JSON.readTree(get(http, prom + "/api/v1/targets").body())
                .path("data")
                .path("activeTargets")) {
          if ("perfshop-server".equals(t.path("labels").path("job").asText())
              && "up".equals(t.path("health").asText())) {
            target = t;
          }
        }
        if (target != null) {
          break;
        }
        Thread.sleep(1000);
      }
      assertThat(target).as("Prometheus target perfshop-server up").isNotNull();
      assertThat(target.path("scrapeUrl").asText())
          .isEqualTo("http://perfshop-server:8080/actuator/prometheus");
      // The target may have been scraped before the shop request above was counted: wait for
      // the next scrapes (every 5 s) to store the server's request counter.
      String query =
          prom
              + "/api/v1/query?query="
              + java.net.URLEncoder.encode(
                  "sum(http_server_requests_seconds_count{job=\"perfshop-server\"})",
                  StandardCharsets.UTF_8);
      JsonNode q = JSON.readTree(get(http, query).body());
      long stored = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (q.path("data").path("result").isEmpty() && System.nanoTime() < stored) {
        Thread.sleep(1000);
        q = JSON.readTree(get(http, query).body());
      }
      assertThat(q.path("data").path("result").size())
          .as("server metrics stored in Prometheus: " + q)
          .isEqualTo(1);

      // Container metrics: Prometheus scrapes the perfshop-monitor container on the lab network.
      JsonNode mysqlUp = promql(http, prom, "perfshop_container_up{service=\"mysql\"}", "1");
      assertThat(mysqlUp)
          .as("perfshop_container_up of mysql scraped from perfshop-monitor")
          .isNotNull();
      assertThat(mysqlUp.path("metric").path("job").asText()).isEqualTo("lab-containers");
    }

    // lab verify: the signals of what runs here, end to end; what does not run is a named skip.
    LabSupport.Run verify =
        LabSupport.cli("lab", "verify", "--dir", base.toString(), "--name", NAME, "-o", "json");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    JsonNode checks = JSON.readTree(verify.out()).path("checks");
    java.util.Map<String, String> byCheck = new java.util.LinkedHashMap<>();
    checks.forEach(c -> byCheck.put(c.path("signal").asText(), c.path("status").asText()));
    assertThat(byCheck)
        .containsEntry("server", "ok")
        .containsEntry("tagged requests", "ok")
        .containsEntry("metric (Prometheus)", "ok")
        .containsEntry("containers (monitor)", "ok")
        .containsEntry("log line (Loki)", "skip")
        .containsEntry("trace (Tempo)", "skip")
        .containsEntry("profile (Pyroscope)", "skip")
        .containsEntry("Grafana", "skip");
    assertThat(checks.toString()).contains("loki is not running in this lab (profile logs)");

    // A customer's order, placed through nginx, must survive a killed database and a down/up.
    Shopper shopper = new Shopper("http://127.0.0.1:" + ports.port("WEB_PORT"));
    String orderId = shopper.registerAndOrder();

    // The infrastructure anomaly as an instructor runs it, from the lab's folder: `chaos enable
    // container-kill --service db` acts through the Docker API on the lab the CLI uses.
    Cli fromLab = new Cli(tmp).workingDir(tmp);
    Cli.Result kill =
        fromLab.run("chaos", "enable", "container-kill", "--service", "db", "--level", "3");
    assertThat(kill.code()).as(kill.err()).isZero();
    assertThat(kill.out())
        .contains("enabled container-kill on mysql (1 container, lab '" + NAME + "')");
    // A killed container stays down (docker kill counts as a manual stop) until chaos heals it.
    String killed =
        awaitStatus(
            line ->
                line.startsWith("mysql ")
                    && line.contains("exited")
                    && line.contains("[chaos: container-kill since "),
            Duration.ofSeconds(60));
    assertThat(killed).as("lab status shows the killed database and why").isNotNull();
    LabSupport.Run broken =
        LabSupport.cli("lab", "status", "--dir", base.toString(), "--name", NAME);
    assertThat(broken.exitCode())
        .as("status exit code while a service is down")
        .isEqualTo(dev.perfshop.cli.ExitCodes.FAILURE);
    LabSupport.Run brokenJson =
        LabSupport.cli("lab", "status", "-o", "json", "--dir", base.toString(), "--name", NAME);
    assertThat(brokenJson.exitCode()).isEqualTo(dev.perfshop.cli.ExitCodes.FAILURE);
    JsonNode mysql = null;
    for (JsonNode c : JSON.readTree(brokenJson.out())) {
      if ("mysql".equals(c.path("service").asText())) {
        mysql = c;
      }
    }
    assertThat(mysql).as(brokenJson.out()).isNotNull();
    assertThat(mysql.path("state").asText()).isEqualTo("exited");
    assertThat(mysql.path("ready").asBoolean()).isFalse();
    assertThat(mysql.path("chaos").path(0).path("type").asText()).isEqualTo("container-kill");
    Cli.Result chaosStatus = fromLab.run("chaos", "status");
    assertThat(chaosStatus.code()).as(chaosStatus.err()).isZero();
    assertThat(chaosStatus.out()).containsPattern("container-kill +mysql +3 .* exited");
    Cli.Result chaosJson = fromLab.run("chaos", "status", "-o", "json");
    JsonNode anomaly = JSON.readTree(chaosJson.out()).path("containerAnomalies").path(0);
    assertThat(anomaly.path("type").asText()).isEqualTo("container-kill");
    assertThat(anomaly.path("service").asText()).isEqualTo("mysql");
    assertThat(anomaly.path("state").asText()).isEqualTo("exited");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      String prom = "http://127.0.0.1:" + ports.port("PROMETHEUS_PORT");
      assertThat(promql(http, prom, "perfshop_container_up{service=\"mysql\"}", "0"))
          .as("Prometheus sees the database down through the monitor")
          .isNotNull();
    }

    // `chaos halt` heals it (and halts the server's chaos).
    Cli.Result halt = fromLab.run("chaos", "halt");
    assertThat(halt.code()).as(halt.err()).isZero();
    assertThat(halt.out()).contains("healed container-kill mysql");
    Cli.Result audit = fromLab.run("chaos", "audit");
    assertThat(audit.code()).as(audit.err()).isZero();
    assertThat(audit.out())
        .containsPattern("halt +container-kill +mysql")
        .containsPattern("enable +container-kill +mysql +3");
    String recovered =
        awaitStatus(
            line ->
                line.startsWith("mysql ")
                    && line.contains("running")
                    && line.contains(" healthy ")
                    && !line.contains("[chaos:"),
            Duration.ofSeconds(180));
    assertThat(recovered).as("the database is healthy again after chaos halt").isNotNull();
    assertThat(shopper.orderIds()).as("the order is still there after the kill").contains(orderId);

    LabSupport.Run down = LabSupport.cli("lab", "down", "--dir", base.toString(), "--name", NAME);
    assertThat(down.exitCode()).as(down.err()).isZero();
    try (DockerJavaEngine engine = DockerJavaEngine.connect()) {
      assertThat(engine.containers(PROJECT)).as("no container left after lab down").isEmpty();
    }

    LabSupport.Run again = LabSupport.cli(up.toArray(String[]::new));
    assertThat(again.exitCode()).as(again.err()).isZero();
    Shopper back = new Shopper("http://127.0.0.1:" + ports.port("WEB_PORT"));
    back.login(shopper.email);
    assertThat(back.orderIds())
        .as("the customer's order kept by the mysql-data volume across down/up")
        .contains(orderId);
  }

  /** The first series of a PromQL query whose value is {@code value}, waited for up to 60 s. */
  static JsonNode promql(HttpClient http, String prom, String query, String value)
      throws IOException, InterruptedException {
    String url =
        prom + "/api/v1/query?query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    do {
      for (JsonNode r : JSON.readTree(get(http, url).body()).path("data").path("result")) {
        if (value.equals(r.path("value").path(1).asText())) {
          return r;
        }
      }
      Thread.sleep(1000);
    } while (System.nanoTime() < deadline);
    return null;
  }

  /** A customer of the shop through the lab's front door (cookies kept, JSON in and out). */
  static final class Shopper {
    final String base;
    final HttpClient http;
    String email;

    Shopper(String base) {
      this.base = base;
      this.http =
          HttpClient.newBuilder()
              .cookieHandler(new java.net.CookieManager())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    }

    String registerAndOrder() throws IOException, InterruptedException {
      email = "lab-" + java.util.UUID.randomUUID() + "@example.test";
      send(
          "POST",
          "/api/auth/register",
          "{\"email\":\"" + email + "\",\"name\":\"Lab Test\",\"password\":\"lab-password-1\"}",
          201);
      long productId =
          JSON.readTree(send("GET", "/api/products?size=1", null, 200))
              .path("items")
              .path(0)
              .path("id")
              .asLong();
      send("POST", "/api/cart/items", "{\"productId\":" + productId + ",\"quantity\":1}", 200);
      String order =
          send(
              "POST",
              "/api/orders",
              "{\"shippingAddress\":{\"name\":\"Ada Lovelace\",\"line1\":\"12 St James's"
                  + " Square\",\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\"},"
                  + "\"payment\":{\"cardNumber\":\"4242424242424242\",\"expiry\":\"12/39\",\"cvc\":\"123\"}}",
              201);
      return JSON.readTree(order).path("id").asText();
    }

    void login(String email) throws IOException, InterruptedException {
      this.email = email;
      send(
          "POST",
          "/api/auth/login",
          "{\"email\":\"" + email + "\",\"password\":\"lab-password-1\"}",
          200);
    }

    List<String> orderIds() throws IOException, InterruptedException {
      List<String> ids = new ArrayList<>();
      JSON.readTree(send("GET", "/api/orders?size=50", null, 200))
          .path("items")
          .forEach(o -> ids.add(o.path("id").asText()));
      return ids;
    }

    String send(String method, String path, String json, int expected)
        throws IOException, InterruptedException {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
      if (json != null) {
        b.header("Content-Type", "application/json");
        if (path.equals("/api/orders")) {
          b.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
      }
      b.method(
          method,
          json == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json));
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
      return r.body();
    }
  }

  static String[] concat(List<String> list, String... more) {
    List<String> all = new ArrayList<>(list);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  String awaitStatus(java.util.function.Predicate<String> wanted, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      LabSupport.Run status =
          LabSupport.cli("lab", "status", "--dir", base.toString(), "--name", NAME);
      for (String line : status.out().split("\n")) {
        if (wanted.test(line)) {
          return line;
        }
      }
      Thread.sleep(500);
    }
    return null;
  }

  static HttpResponse<String> get(HttpClient http, String url)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int freeOffset() {
    for (int offset = 10100; offset <= LabPorts.MAX_OFFSET; offset += 1000) {
      LabPorts p = new LabPorts(offset);
      boolean free = true;
      for (String v :
          List.of("SERVER_PORT", "WEB_PORT", "MYSQL_PORT", "MONITOR_PORT", "PROMETHEUS_PORT")) {
        try (var s =
            new java.net.ServerSocket(p.port(v), 1, java.net.InetAddress.getLoopbackAddress())) {
          s.getLocalPort();
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no free port offset");
  }
}
