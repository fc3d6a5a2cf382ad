package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfshop.cli.scenario.ScenarioPlan;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioLibrary;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The solver of BAC5 {@code database-down} on a real Docker lab: {@code perfshop scenario run
 * database-down --session ID} kills or pauses the database container (drawn from the seed) while a
 * student, who reads only what the student page reads (the class's live statistics, the log tail
 * and the metrics of {@code /api/stats/**}), names the failed service and tells a dead database
 * from a frozen one by the connection pool. Both branches are played, one class each; the second
 * class first submits the first class's answer, which is wrong for its run.
 */
class LabDatabaseDownSolverTests {

  static final String NAME =
      "dd-"
          + Long.toString(System.nanoTime() & 0xffffffL, 36)
          + Long.toString(ProcessHandle.current().pid() % 1296, 36);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PRODUCTS = "GET /api/products";

  @TempDir Path tmp;
  Path base;
  boolean started;
  String server;
  String adminToken;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void downWithVolumes() {
    if (started) {
      LabSupport.Run r =
          LabSupport.cli("lab", "down", "--volumes", "--dir", base.toString(), "--name", NAME);
      System.err.println("cleanup: lab down --volumes -> " + r.exitCode());
    }
    http.close();
  }

  @Test
  void aStudentTellsADeadDatabaseFromAFrozenOneByTheConnectionPool() throws Exception {
    Path override = LabSupport.requireLabParts();

    Scenario scenario =
        ScenarioLibrary.shipped().stream()
            .map(ScenarioLibrary.Entry::scenario)
            .filter(s -> s.id().equals("database-down"))
            .findFirst()
            .orElseThrow();
    long pauseSeed = seedDrawing(scenario, "container-pause");
    long killSeed = seedDrawing(scenario, "container-kill");

    base = tmp.resolve(".perfshop");
    int offset = LabIntegrationTests.freeOffset();
    started = true;
    List<String> up =
        LabSupport.labUp(
            base,
            NAME,
            "core,observability",
            "mysql,perfshop-server,nginx,perfshop-monitor,prometheus",
            offset,
            override);
    up.add("--rebuild");
    LabSupport.Run upped = LabSupport.cli(up.toArray(String[]::new));
    assertThat(upped.exitCode()).as(upped.err()).isZero();
    server = "http://127.0.0.1:" + new LabPorts(offset).port("SERVER_PORT");
    adminToken = Files.readString(base.resolve("lab").resolve(NAME).resolve("admin-token")).trim();

    // class A: the database freezes
    int frozen = playClass(pauseSeed, null);
    assertThat(frozen).as("a frozen database: connections open and busy").isEqualTo(1);
    // class B: the database is killed; its student first tries class A's answer
    int dead = playClass(killSeed, frozen);
    assertThat(dead).as("a dead database: no connection left").isZero();
  }

  /**
   * One class through the scenario with {@code seed}: opens a session, runs the scenario for it in
   * the background, and plays its student. Returns the option the student found for failure-mode.
   */
  int playClass(long seed, Integer copied) throws Exception {
    await("the shop serves its catalogue", Duration.ofMinutes(3), () -> shopServes());
    JsonNode session =
        admin("POST", "/api/admin/sessions", Map.of("name", "DB " + seed, "level", "BAC5"));
    String id = session.path("id").asText();
    admin("POST", "/api/admin/sessions/" + id + "/open", null);
    String agent =
        send(
                "POST",
                "/api/student/join",
                Map.of("code", session.path("joinCode").asText(), "nickname", "solver"),
                Map.of())
            .path("agentCode")
            .asText();
    assertThat(agent).isNotBlank();

    Cli fromLab = new Cli(tmp).workingDir(tmp);
    long began = java.time.Instant.now().getEpochSecond();
    CompletableFuture<Cli.Result> run =
        CompletableFuture.supplyAsync(
            () ->
                fromLab.run(
                    "scenario",
                    "run",
                    "database-down",
                    "--session",
                    id,
                    "--seed",
                    Long.toString(seed),
                    "--time-scale",
                    "2"));
    Map<String, String> as = Map.of("X-Agent-Code", agent);
    await(
        "both enigmas open for the class",
        Duration.ofSeconds(60),
        () -> {
          String enigmas = send("GET", "/api/student/enigmas", null, as).toString();
          return enigmas.contains("database-down.which-service")
              && enigmas.contains("database-down.failure-mode");
        });
    if (copied != null) {
      JsonNode copy = answer(as, "failure-mode", copied);
      assertThat(copy.path("correct").asBoolean())
          .as("the other class's answer, for another run: " + copy)
          .isFalse();
    }

    // the symptom: the class's catalogue requests fail (after waiting for a connection)
    await(
        "the product list failing for the class",
        Duration.ofSeconds(100),
        () -> {
          for (JsonNode r : send("GET", "/api/stats/routes?window=30", null, as).path("routes")) {
            if (PRODUCTS.equals(r.path("route").asText()) && r.path("errorRate").asDouble() > 0.5) {
              return true;
            }
          }
          return false;
        });
    // which service: the log tail names the database's connections
    JsonNode logs =
        send(
            "GET",
            "/api/stats/signals/logs?level=WARN&q="
                + URLEncoder.encode("Connection is not available", StandardCharsets.UTF_8),
            null,
            as);
    assertThat(logs.path("lines").size())
        .as("WARN lines about database connections in the log tail")
        .isPositive();

    // how it failed: the Metrics tab's connection pool while requests wait, since this class's
    // run began: connections that stay busy (a frozen database never answers them), or none at
    // all (a dead database took them with it and refuses new ones)
    int waiting = 0;
    int busiest = 0;
    for (JsonNode sample :
        send("GET", "/api/stats/signals/metrics?minutes=5", null, as).path("samples")) {
      JsonNode pool = sample.path("pool");
      if (sample.path("t").asLong() >= began && pool.path("pending").asInt() > 0) {
        waiting++;
        busiest = Math.max(busiest, pool.path("active").asInt());
      }
    }
    assertThat(waiting).as("samples with requests waiting for a connection").isPositive();
    int option = busiest == 0 ? 0 : 1;
    String pool = waiting + " samples with requests waiting, at most " + busiest + " active";
    System.out.println("database-down seed " + seed + ": " + pool + " → option " + option);
    // answers are saved in the database: the student submits once it is back
    await("the shop serves its catalogue again", Duration.ofMinutes(3), () -> shopServes());
    assertThat(answer(as, "which-service", 1).path("solved").asBoolean()).isTrue();
    JsonNode solved = answer(as, "failure-mode", option);
    assertThat(solved.path("solved").asBoolean()).as(pool + " → " + solved).isTrue();

    Cli.Result result = run.get();
    assertThat(result.out())
        .as(result.err())
        .contains("bindings (instructor only): {failure=container-")
        // run from the lab's folder without --prometheus: the lab's own Prometheus checks it
        .contains("PromQL expectations: the lab's Prometheus at http://127.0.0.1:")
        .containsPattern("ok +expect promql min\\(perfshop_container_up")
        .contains("disable container-");
    return option;
  }

  /** A seed whose run draws {@code failure} (the runner's own draw, ScenarioPlan.of). */
  static long seedDrawing(Scenario scenario, String failure) {
    for (long seed = 1; ; seed++) {
      if (failure.equals(ScenarioPlan.of(scenario, seed, 1).bindings().get("failure"))) {
        return seed;
      }
    }
  }

  JsonNode answer(Map<String, String> as, String enigma, int option)
      throws IOException, InterruptedException {
    return send(
        "POST",
        "/api/student/enigmas/database-down." + enigma + "/answer",
        Map.of("choices", List.of(option)),
        as);
  }

  boolean shopServes() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(server + "/api/products"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  JsonNode admin(String method, String path, Object body) throws IOException, InterruptedException {
    return send(method, path, body, Map.of("X-Admin-Token", adminToken));
  }

  JsonNode send(String method, String path, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
    return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void await(String what, Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      assertThat(System.nanoTime()).as("waited %s for %s", timeout, what).isLessThan(deadline);
      Thread.sleep(1000);
    }
  }
}
