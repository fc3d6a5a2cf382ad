package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

  static final String NAME = "e2e";
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
    Optional<String> problem = engineProblem();
    LabSupport.require(
        problem.isEmpty(),
        "a Docker engine (" + problem.orElse("") + ")",
        ".ci/run starts one: apt-get install docker.io docker-compose debootstrap; dockerd");
    LabSupport.require(
        LabSupport.compose() != null, "Docker Compose", "apt-get install docker-compose");
    LabSupport.require(
        Files.isRegularFile(LabSupport.serverJar()), "the server jar", "build the reactor first");

    Path override = tmp.resolve("images.override");
    Process images =
        new ProcessBuilder(
                LabSupport.repo().resolve("scripts/lab-local-images").toString(),
                override.toString())
            .directory(LabSupport.repo().toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("images.log").toFile())
            .start();
    boolean built = images.waitFor(20, TimeUnit.MINUTES) && images.exitValue() == 0;
    LabSupport.require(
        built,
        "the local stand-in images (" + Files.readString(tmp.resolve("images.log")).strip() + ")",
        "run scripts/lab-local-images as root (debootstrap + a Debian mirror)");

    base = tmp.resolve(".perfshop");
    int offset = freeOffset();
    LabPorts ports = new LabPorts(offset);
    List<String> up =
        new ArrayList<>(
            List.of(
                "lab",
                "up",
                "--dir",
                base.toString(),
                "--name",
                NAME,
                "--profile",
                "core,observability",
                "--services",
                "mysql,perfshop-server,nginx,prometheus",
                "--variant",
                "linux",
                "--templates",
                LabSupport.templates().toString(),
                "--server-jar",
                LabSupport.serverJar().toString(),
                "--agents-dir",
                LabSupport.repo().resolve("perfshop-cli/target/lab-agents").toString(),
                "--images",
                override.toString(),
                "--port-offset",
                Integer.toString(offset),
                "--timeout",
                "600"));
    started = true;
    LabSupport.Run first = LabSupport.cli(concat(up, "--rebuild"));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("Lab 'e2e' is up")
        .contains("http://127.0.0.1:" + ports.port("PROMETHEUS_PORT"));
    assertThat(Files.readString(base.resolve("lab.properties")))
        .contains("url=http://127.0.0.1:" + ports.port("SERVER_PORT"))
        .contains("admin-token-file=lab/e2e/admin-token");

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
    }

    // Data written to the database survives a killed database container and a down/up.
    String password = Lab.envValue(new Workspace(base, NAME), "MYSQL_PASSWORD");
    String jdbc = "jdbc:mariadb://127.0.0.1:" + ports.port("MYSQL_PORT") + "/perfshop";
    try (Connection c = DriverManager.getConnection(jdbc, "perfshop", password);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE lab_marker (id INT PRIMARY KEY, note VARCHAR(40))");
      s.execute("INSERT INTO lab_marker VALUES (1, 'kept across restarts')");
    }

    LabSupport.Run kill =
        LabSupport.cli(
            "lab", "container", "kill", "mysql", "--dir", base.toString(), "--name", NAME);
    assertThat(kill.exitCode()).as(kill.err()).isZero();
    // A killed container stays down (docker kill counts as a manual stop) until the instructor
    // restarts it: that is the "container-kill" infrastructure anomaly.
    String killed =
        awaitStatus(
            line -> line.startsWith("mysql ") && line.contains("exited"), Duration.ofSeconds(60));
    assertThat(killed).as("lab status shows the killed database").isNotNull();
    LabSupport.Run broken =
        LabSupport.cli("lab", "status", "--dir", base.toString(), "--name", NAME);
    assertThat(broken.exitCode())
        .as("status exit code while a service is down")
        .isEqualTo(dev.perfshop.cli.ExitCodes.FAILURE);
    LabSupport.Run restart =
        LabSupport.cli(
            "lab", "container", "restart", "mysql", "--dir", base.toString(), "--name", NAME);
    assertThat(restart.exitCode()).as(restart.err()).isZero();
    String recovered =
        awaitStatus(
            line ->
                line.startsWith("mysql ") && line.contains("running") && line.contains(" healthy "),
            Duration.ofSeconds(180));
    assertThat(recovered)
        .as("the database is healthy again after lab container restart")
        .isNotNull();

    LabSupport.Run down = LabSupport.cli("lab", "down", "--dir", base.toString(), "--name", NAME);
    assertThat(down.exitCode()).as(down.err()).isZero();
    try (DockerJavaEngine engine = DockerJavaEngine.connect()) {
      assertThat(engine.containers(PROJECT)).as("no container left after lab down").isEmpty();
    }

    LabSupport.Run again = LabSupport.cli(up.toArray(String[]::new));
    assertThat(again.exitCode()).as(again.err()).isZero();
    try (Connection c = DriverManager.getConnection(jdbc, "perfshop", password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT note FROM lab_marker WHERE id = 1")) {
      assertThat(rs.next()).as("row kept by the mysql-data volume").isTrue();
      assertThat(rs.getString(1)).isEqualTo("kept across restarts");
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
      for (String v : List.of("SERVER_PORT", "WEB_PORT", "MYSQL_PORT", "PROMETHEUS_PORT")) {
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
