package dev.perfshop.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.FakeServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What the chaos commands send and how they print answers, against a recording server that answers
 * with the shapes of docs/api.md (the real server is covered by ChaosIntegrationTests).
 */
class ChaosContractTests {

  static final String TOKEN = "contract-test-token-0123456789abcdef0123";
  static final String ACTIVATION =
      """
      {"type":"latency","family":"performance","level":3,"probability":0.5,
       "routes":["/api/products/**","/api/cart"],"scope":{"kind":"session","id":"S1"},
       "activatedAt":"2026-11-24T10:00:00Z","expiresAt":"2026-11-24T10:10:00Z",
       "remainingSeconds":600,"scenarioId":"bac2-slow","activatedBy":"instructor"}
      """;

  @TempDir Path temp;
  private FakeServer server;
  private Cli cli;

  @BeforeEach
  void start() {
    server = new FakeServer();
    cli =
        new Cli(temp)
            .env("PERFSHOP_URL", server.url())
            .env("PERFSHOP_ADMIN_TOKEN", TOKEN)
            .env("USER", "ana");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void enableSendsEveryOptionAsTheContractsJsonBodyWithTheAdminToken() {
    server.json("PUT", "/api/admin/chaos/latency", 200, ACTIVATION);

    Result r =
        cli.run(
            "chaos",
            "enable",
            "latency",
            "--level",
            "3",
            "--ttl",
            "10m",
            "--probability",
            "0.5",
            "--every",
            "4",
            "--route",
            "/api/products/**",
            "--route",
            "/api/cart",
            "--session",
            "S1",
            "--scenario",
            "bac2-slow");

    assertThat(r.code()).as(r.toString()).isZero();
    FakeServer.Request put = server.last();
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.header("X-Admin-Token")).isEqualTo(TOKEN);
    assertThat(put.header("Content-Type")).isEqualTo("application/json");
    assertThat(put.header("X-Perfshop-Actor")).isEqualTo("ana@cli");
    JsonNode body = Json.parse(put.body());
    assertThat(Json.compact(body))
        .isEqualTo(
            "{\"level\":3,\"ttl\":\"10m\",\"probability\":0.5,\"every\":4,"
                + "\"routes\":[\"/api/products/**\",\"/api/cart\"],"
                + "\"sessionId\":\"S1\",\"scenarioId\":\"bac2-slow\"}");
    assertThat(r.out())
        .isEqualTo(
            "enabled latency (performance) at level 3, probability 0.5, routes"
                + " /api/products/**,/api/cart, scope session:S1, expires in 10m00s"
                + " (2026-11-24T10:10:00Z)"
                + System.lineSeparator());
  }

  @Test
  void ttlTakesTheScenarioDurationFormatForContainerAnomaliesToo() {
    // 1m30s parses (the scenario grammar), so the refusal is about restart being one-shot
    Result restart =
        cli.run(
            "chaos", "enable", "container-restart", "--service", "db", "-l", "1", "--ttl", "1m30s");
    assertThat(restart.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(restart.err()).contains("--ttl does not apply to container-restart");

    Result soon =
        cli.run("chaos", "enable", "container-kill", "--service", "db", "-l", "1", "--ttl", "soon");
    assertThat(soon.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(soon.err()).contains("--ttl: 'soon' is not a duration");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void enableWithOnlyALevelSendsOnlyTheLevel() {
    server.json("PUT", "/api/admin/chaos/error-rate", 200, ACTIVATION);

    cli.run("chaos", "enable", "error-rate", "-l", "1");

    assertThat(server.last().bodyText()).isEqualTo("{\"level\":1}");
  }

  @Test
  void theDeterministicModeIsShownAsEveryNthRequest() {
    server.json(
        "PUT",
        "/api/admin/chaos/error-rate",
        200,
        "{\"type\":\"error-rate\",\"family\":\"functional\",\"level\":1,\"probability\":0.02,"
            + "\"every\":10,\"routes\":[\"/api/**\"],\"scope\":{\"kind\":\"all\"},"
            + "\"remainingSeconds\":900}");

    Result r = cli.run("chaos", "enable", "error-rate", "-l", "1", "--every", "10");

    assertThat(r.out())
        .isEqualTo(
            "enabled error-rate (functional) at level 1, every 10th request, routes /api/**,"
                + " scope all, expires in 15m00s"
                + System.lineSeparator());
  }

  @Test
  void statusPrintsAnAlignedTableAndJsonPassesTheAnswerThrough() {
    server.json(
        "GET",
        "/api/admin/chaos",
        200,
        "{\"safetyMode\":\"classroom\",\"activations\":[" + ACTIVATION + "]}");

    Result text = cli.run("chaos", "status");
    Result json = cli.run("chaos", "status", "-o", "json");

    assertThat(text.out().lines().toList())
        .containsExactly(
            "safety mode: classroom",
            "TYPE     FAMILY       LEVEL  RATE  ROUTES                      SCOPE       EXPIRES IN  SCENARIO   BY",
            "latency  performance  3      0.5   /api/products/**,/api/cart  session:S1  10m00s      bac2-slow  instructor");
    JsonNode parsed = Json.parse(json.out().getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.path("activations").get(0).path("remainingSeconds").asInt()).isEqualTo(600);
  }

  @Test
  void haltAndDisablePrintWhatTheServerDid() {
    server.json("POST", "/api/admin/chaos/halt", 200, "{\"halted\":3}");
    server.json("DELETE", "/api/admin/chaos/latency", 200, "{\"disabled\":\"latency\"}");

    assertThat(cli.run("chaos", "halt").out())
        .isEqualTo("halted 3 activation(s)" + System.lineSeparator());
    assertThat(cli.run("chaos", "disable", "latency").out())
        .isEqualTo("disabled latency" + System.lineSeparator());
    assertThat(server.requests())
        .extracting(FakeServer.Request::method)
        .containsExactly("POST", "DELETE");
  }

  @Test
  void auditAsksForTheLimit() {
    server.json(
        "GET",
        "/api/admin/chaos/audit?limit=2",
        200,
        "[{\"at\":\"2026-11-24T10:00:00Z\",\"actor\":\"instructor\",\"action\":\"enable\","
            + "\"type\":\"latency\",\"level\":3,\"scenarioId\":null,\"detail\":\"ttl 10m\"}]");

    Result r = cli.run("chaos", "audit", "-n", "2");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines().toList())
        .containsExactly(
            "AT                    ACTOR       ACTION  TYPE     LEVEL  SCENARIO  DETAIL",
            "2026-11-24T10:00:00Z  instructor  enable  latency  3      -         ttl 10m");
  }

  @Test
  void aTypeNameThatIsNotACatalogueNameIsRefusedBeforeAnyRequest() {
    Result r = cli.run("chaos", "disable", "../license");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: '../license' is not a chaos type name");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void paymentRequiredExitsWithTheLicenceCodeAndPrintsTheReason() {
    server.problem(
        "GET",
        "/api/admin/chaos",
        402,
        "{\"type\":\"https://perfshop.dev/problems/license-required\",\"title\":\"Licence required\","
            + "\"status\":402,\"detail\":\"no licence is installed\",\"reason\":\"missing\"}");

    Result r = cli.run("chaos", "status");

    assertThat(r.code()).isEqualTo(ExitCodes.LICENCE);
    assertThat(r.err().lines().toList())
        .containsExactly(
            "error: Licence required: no licence is installed",
            "  reason: missing",
            "  install a licence with `perfshop license install FILE`");
  }

  @Test
  void refusedTokenIsRejectedAndSaysWhichSourceTheTokenCameFrom() {
    server.problem(
        "GET",
        "/api/admin/chaos",
        401,
        "{\"title\":\"Not signed in\",\"status\":401,\"detail\":\"missing or wrong X-Admin-Token\"}");

    Result r = cli.run("chaos", "status");

    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err())
        .startsWith("error: Not signed in: missing or wrong X-Admin-Token")
        .contains("the admin token from environment PERFSHOP_ADMIN_TOKEN was refused")
        .doesNotContain(TOKEN);
  }

  @Test
  void validationErrorsListEachField() {
    server.problem(
        "PUT",
        "/api/admin/chaos/latency",
        400,
        "{\"title\":\"Invalid input\",\"status\":400,\"detail\":\"the request has 1 invalid field(s)\","
            + "\"errors\":[{\"field\":\"level\",\"message\":\"must be between 1 and 5\"}]}");

    Result r = cli.run("chaos", "enable", "latency", "--level", "9");

    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err().lines().toList())
        .containsExactly(
            "error: Invalid input: the request has 1 invalid field(s)",
            "  level: must be between 1 and 5");
  }

  @Test
  void aNonJsonErrorFromAProxyStillGivesARejectedExitAndReadableText() {
    server.raw("GET", "/api/admin/chaos", 502, "text/html", "<h1>Bad gateway</h1>");

    Result r = cli.run("chaos", "status");

    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).startsWith("error: HTTP 502: <h1>Bad gateway</h1>");
  }

  @Test
  void listRendersLevelsAndDangerousTypes() {
    server.json(
        "GET",
        "/api/admin/chaos/catalog",
        200,
        "[{\"type\":\"latency\",\"family\":\"performance\",\"description\":\"slow responses\","
            + "\"levels\":[{\"level\":1},{\"level\":2}],\"defaultRoutes\":[],\"dangerous\":false},"
            + "{\"type\":\"sql-injection\",\"family\":\"security\",\"description\":\"injectable search\","
            + "\"levels\":[{\"level\":1}],\"defaultRoutes\":[],\"dangerous\":true}]");

    Result r = cli.run("chaos", "list");

    // The server's catalogue, then the container anomalies the CLI carries out on the lab.
    assertThat(r.out().lines().toList())
        .containsExactly(
            "TYPE               FAMILY          LEVELS     DANGEROUS  DESCRIPTION",
            "latency            performance     1,2        no         slow responses",
            "sql-injection      security        1          yes        injectable search",
            "container-kill     infrastructure  1,2,3,4,5  no         SIGKILL the service's"
                + " containers: down until disabled or halted (lab, --service)",
            "container-pause    infrastructure  1,2,3,4,5  no         Freeze the service's"
                + " processes: connections hang (lab, --service)",
            "container-restart  infrastructure  1,2,3,4,5  no         Restart the service's"
                + " containers once (lab, --service)");
  }

  @Test
  void completionScriptOffersTheServersChaosTypes() {
    server.json(
        "GET", "/api/admin/chaos/catalog", 200, "[{\"type\":\"latency\"},{\"type\":\"cpu-burn\"}]");

    Result r = cli.run("completion", "bash");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("complete -F _complete_perfshop")
        .contains("(\"latency\" \"cpu-burn\")");
  }

  @Test
  void completionScriptHasNoTypesWhenTheServerIsUnreachable() {
    server.close();

    Result r = cli.run("completion", "bash");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F _complete_perfshop").doesNotContain("latency");
  }
}
