package dev.perfshop.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Shipped scenarios replayed against a real server with compressed time, as CI does: they pass; a
 * scenario whose expectation cannot hold exits 7 with a journal that says why; and a runner killed
 * mid-run leaves no anomaly behind.
 */
class ScenarioRunIntegrationTests {

  @TempDir Path temp;
  private ServerProcess server;
  private Cli cli;

  @BeforeEach
  void start() {
    server = ServerProcess.get();
    cli = Cli.against(server, temp);
    assertThat(cli.run("chaos", "halt").code()).isZero();
  }

  @AfterEach
  void halt() {
    if (cli != null) { // null when the server jar is missing and the test was skipped
      cli.run("chaos", "halt");
    }
  }

  @Test
  void bac1SlowCatalogPassesAndItsJournalReplays() throws Exception {
    Path journal = temp.resolve("slow.json");
    Path junit = temp.resolve("slow.xml");
    Result run =
        cli.run(
            "scenario",
            "run",
            "slow-catalog",
            "--time-scale",
            "30",
            "--journal",
            journal.toString(),
            "--junit",
            junit.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode doc = Json.parse(Files.readAllBytes(journal));
    assertThat(doc.path("outcome").asString()).isEqualTo("passed");
    assertThat(doc.path("seed").asLong()).isEqualTo(101);
    assertThat(entries(doc))
        .anySatisfy(e -> assertThat(e).startsWith("OK expect p95 of GET /api/products/{id}"));
    assertThat(Files.readString(junit)).contains("tests=\"1\" failures=\"0\"");

    Path again = temp.resolve("again.json");
    Result replay =
        cli.run("scenario", "replay", journal.toString(), "--journal", again.toString());
    assertThat(replay.code()).as(replay.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Json.parse(Files.readAllBytes(again)).path("seed").asLong()).isEqualTo(101);
  }

  @Test
  void bac3RandomTargetAimsTheChaosAtTheRouteChosenBySeed() throws Exception {
    Path journal = temp.resolve("target.json");
    Result run =
        cli.run(
            "scenario",
            "run",
            "random-target",
            "--time-scale",
            "60",
            "--journal",
            journal.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode doc = Json.parse(Files.readAllBytes(journal));
    String target = doc.path("bindings").path("target-route").asString();
    assertThat(target).startsWith("GET /api/");
    assertThat(entries(doc)).contains("OK enable latency level 3 on " + target);
    Result audit = cli.run("chaos", "audit", "-o", "json");
    assertThat(audit.out()).contains("random-target");
  }

  @Test
  void aClassRunDrawsItsOwnSeedAndActsOnlyOnItsSessionsTraffic() throws Exception {
    String id = session("Class run " + System.nanoTime());
    Path scenario = temp.resolve("class.yaml");
    Files.writeString(
        scenario,
        """
        apiVersion: perfshop.dev/v1
        kind: Scenario
        id: class-run
        title: One class's run
        level: BAC1
        families: [functional]
        summary: The failing route is drawn for each class.
        duration: 8s
        seed: 7
        bindings:
          - name: failing
            pick: ["GET /api/products/{id}", "GET /api/products/{id}/reviews"]
        traffic: {rate: 12, mix: {browse: 100, search: 0, checkout: 0}}
        steps:
          - at: 0s
            chaos: {enable: error-rate, level: 5, routesFrom: failing, ttl: 1m}
        enigmas: []
        """);
    Path journal = temp.resolve("class.json");
    Result run =
        cli.run(
            "scenario",
            "run",
            scenario.toString(),
            "--session",
            id,
            "--journal",
            journal.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode doc = Json.parse(Files.readAllBytes(journal));
    long seed = doc.path("seed").asLong();
    assertThat(seed).as("a class's run draws its own seed").isNotEqualTo(7);
    assertThat(run.out()).contains("(seed " + seed + ",");
    String failing = doc.path("bindings").path("failing").asString();

    // the activation was the session's own (the audit says so), and the rollback ended only it
    Result audit = cli.run("chaos", "audit", "-o", "json");
    assertThat(audit.out()).contains("scope session " + id);
    assertThat(activeTypes()).doesNotContain("error-rate");

    // the class's statistics hold its shoppers' traffic, with the drawn route failing
    JsonNode stats = adminGet("/api/admin/stats?window=60&session=" + id);
    assertThat(stats.path("session").asString())
        .as(adminGet("/api/admin/stats?window=60") + " / " + run.out())
        .isEqualTo(id);
    double failingShare = -1;
    double othersWorst = 0;
    for (JsonNode r : stats.path("routes")) {
      if (r.path("route").asString().equals(failing)) {
        failingShare = r.path("errorRate").asDouble();
      } else if (r.path("count").asLong() >= 5) {
        othersWorst = Math.max(othersWorst, r.path("errorRate").asDouble());
      }
    }
    assertThat(failingShare).as(stats.toString()).isGreaterThan(0.3);
    assertThat(othersWorst).as(stats.toString()).isZero();

    // --seed replays the same class run
    Path again = temp.resolve("again.json");
    Result replay =
        cli.run(
            "scenario",
            "run",
            scenario.toString(),
            "--session",
            id,
            "--seed",
            Long.toString(seed),
            "--no-traffic",
            "--journal",
            again.toString());
    assertThat(replay.code()).as(replay.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Json.parse(Files.readAllBytes(again)).path("bindings").path("failing").asString())
        .isEqualTo(failing);
  }

  private String session(String name) {
    Result created = cli.run("session", "create", name, "--level", "BAC1", "-o", "json");
    assertThat(created.code()).as(created.toString()).isZero();
    String id = Json.parse(created.out().getBytes(StandardCharsets.UTF_8)).path("id").asString();
    assertThat(cli.run("session", "open", id).code()).isZero();
    return id;
  }

  private JsonNode adminGet(String path) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var res =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + path))
                .header("X-Admin-Token", Files.readString(server.tokenFile()).strip())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).as(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return Json.parse(res.body());
  }

  @Test
  void anUnmetExpectationExitsSevenAndTheJournalSaysWhy() throws Exception {
    Path scenario = temp.resolve("unmet.yaml");
    Files.writeString(
        scenario,
        """
        apiVersion: perfshop.dev/v1
        kind: Scenario
        id: unmet-on-purpose
        title: An expectation that cannot hold
        level: BAC1
        families: [performance]
        summary: The catalogue is never that slow.
        duration: 10s
        traffic: {rate: 5, mix: {browse: 100, search: 0, checkout: 0}}
        steps:
          - at: 0s
            chaos: {enable: latency, level: 1, routes: ["GET /api/products/{id}"], ttl: 1m}
          - at: 1s
            expect: {metric: p95, route: "GET /api/products/{id}", window: 10s, above: 20s, within: 4s}
        enigmas: []
        """);
    Path journal = temp.resolve("unmet.json");
    Result run = cli.run("scenario", "run", scenario.toString(), "--journal", journal.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.EXPECTATION_FAILED);
    JsonNode doc = Json.parse(Files.readAllBytes(journal));
    assertThat(doc.path("outcome").asString()).isEqualTo("failed");
    assertThat(messages(doc))
        .anySatisfy(
            e -> assertThat(e).startsWith("FAILED expect p95").contains("expected above 20s"));
    assertThat(entries(doc)).contains("OK disable latency (rollback)");
    assertThat(activeTypes()).doesNotContain("latency");
  }

  @Test
  void withoutADockerLabContainerStepsAreSkippedAndTheRunGoesOn() throws Exception {
    Path scenario = temp.resolve("containers.yaml");
    Files.writeString(
        scenario,
        """
        apiVersion: perfshop.dev/v1
        kind: Scenario
        id: containers-without-lab
        title: Container steps against a server with no Docker lab
        level: BAC5
        families: [performance, infrastructure]
        summary: The embedded server has no containers to kill.
        duration: 4s
        steps:
          - at: 0s
            chaos: {enable: container-kill, service: db, level: 3, ttl: 2s}
          - at: 0s
            chaos: {enable: latency, level: 1, ttl: 1m}
          - at: 1s
            chaos: {disable: container-kill, service: db}
        enigmas: []
        """);
    Path journal = temp.resolve("containers.json");
    Result run = cli.run("scenario", "run", scenario.toString(), "--journal", journal.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode doc = Json.parse(Files.readAllBytes(journal));
    assertThat(doc.path("outcome").asString()).isEqualTo("passed");
    assertThat(messages(doc))
        .contains(
            "SKIPPED enable container-kill level 3 on service db — no Docker lab found from this"
                + " folder (perfshop lab up, or --lab NAME): container step skipped",
            "SKIPPED disable container-kill on service db — no Docker lab found from this"
                + " folder (perfshop lab up, or --lab NAME): container step skipped",
            "OK enable latency level 1 — ttl 1m");
    assertThat(entries(doc)).contains("OK disable latency (rollback)");
    assertThat(activeTypes()).doesNotContain("latency");
  }

  @Test
  void interruptingTheRunnerDisablesWhatItEnabled() throws Exception {
    Path journal = temp.resolve("abort.json");
    Process runner = runnerProcess(journal, "10");
    awaitJournal(journal, "OK enable latency");
    assertThat(activeTypes()).contains("latency");

    runner.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook aborts and rolls back
    assertThat(runner.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    assertThat(activeTypes()).doesNotContain("latency");
    JsonNode doc = Json.parse(Files.readAllBytes(journal));
    assertThat(doc.path("outcome").asString()).isEqualTo("aborted");
  }

  @Test
  void aKilledRunnerLeavesOnlyActivationsThatExpireByTheirTtl() throws Exception {
    Path journal = temp.resolve("killed.json");
    Process runner = runnerProcess(journal, "60");
    awaitJournal(journal, "OK enable latency");
    runner.destroyForcibly(); // SIGKILL: no rollback can run
    runner.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);

    JsonNode status =
        Json.parse(cli.run("chaos", "status", "-o", "json").out().getBytes(StandardCharsets.UTF_8));
    for (JsonNode a : status.path("activations")) {
      Duration ttl =
          Duration.between(
              Instant.parse(a.path("activatedAt").asString()),
              Instant.parse(a.path("expiresAt").asString()));
      assertThat(ttl)
          .as("TTL of %s", a.path("type").asString())
          .isLessThanOrEqualTo(Duration.ofSeconds(15));
    }
    Instant deadline = Instant.now().plusSeconds(30);
    while (activeTypes().contains("latency") && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    assertThat(activeTypes()).doesNotContain("latency");
  }

  private Process runnerProcess(Path journal, String timeScale) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.perfshop.cli.PerfShopCli");
    cmd.addAll(
        List.of(
            "scenario",
            "run",
            "slow-catalog",
            "--no-traffic",
            "--time-scale",
            timeScale,
            "--journal",
            journal.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("runner.log").toFile());
    pb.environment().put("PERFSHOP_URL", server.url());
    pb.environment().put("PERFSHOP_ADMIN_TOKEN_FILE", server.tokenFile().toString());
    pb.environment().put("PERFSHOP_CONFIG", temp.resolve("no-config.properties").toString());
    pb.directory(temp.toFile());
    return pb.start();
  }

  private void awaitJournal(Path journal, String entry) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(journal)) {
        try {
          if (entries(Json.parse(Files.readAllBytes(journal))).stream()
              .anyMatch(e -> e.startsWith(entry))) {
            return;
          }
        } catch (RuntimeException partial) {
          // written atomically, but be tolerant
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "journal never showed '"
            + entry
            + "'; runner log:\n"
            + Files.readString(temp.resolve("runner.log")));
  }

  private List<String> activeTypes() {
    JsonNode status =
        Json.parse(cli.run("chaos", "status", "-o", "json").out().getBytes(StandardCharsets.UTF_8));
    List<String> types = new ArrayList<>();
    status.path("activations").forEach(a -> types.add(a.path("type").asString()));
    return types;
  }

  private static List<String> entries(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.path("entries")
        .forEach(e -> out.add(e.path("result").asString() + " " + e.path("action").asString()));
    return out;
  }

  private static List<String> messages(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.path("entries")
        .forEach(
            e ->
                out.add(
                    e.path("result").asString()
                        + " "
                        + e.path("action").asString()
                        + " — "
                        + e.path("message").asString()));
    return out;
  }
}
