package dev.perfshop.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code perfshop chaos …} against the chaos admin API of a real server (docs/api.md). Skipped,
 * with the reason, by a server build that does not have that API yet.
 */
class ChaosIntegrationTests {

  @TempDir Path temp;
  private Cli cli;

  @BeforeEach
  void startServer() {
    ServerProcess server = ServerProcess.get();
    assertThat(server.has(ChaosPaths.CATALOG))
        .as("this perfshop-server build has no chaos admin API (GET " + ChaosPaths.CATALOG + ")")
        .isTrue();
    cli = Cli.against(server, temp);
    cli.run("chaos", "halt");
  }

  @AfterEach
  void haltEverything() {
    if (cli != null) {
      cli.run("chaos", "halt");
    }
  }

  @Test
  void listShowsTheCatalogueAsATableAndAsJson() {
    Result text = cli.run("chaos", "list");
    Result json = cli.run("chaos", "list", "-o", "json");

    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out()).startsWith("TYPE").contains("latency").contains("performance");
    JsonNode catalogue = Json.parse(json.out().getBytes(StandardCharsets.UTF_8));
    assertThat(catalogue.isArray()).isTrue();
    assertThat(catalogue.findValuesAsString("type")).contains("latency");
  }

  @Test
  void enableShowsInStatusAndAuditThenDisableRemovesIt() {
    Result enabled =
        cli.run(
            "chaos",
            "enable",
            "latency",
            "--level",
            "2",
            "--ttl",
            "5m",
            "--route",
            "/api/products/**",
            "--scenario",
            "cli-it");
    assertThat(enabled.code()).as(enabled.toString()).isZero();
    assertThat(enabled.out()).startsWith("enabled latency").contains("level 2");

    Result status = cli.run("chaos", "status", "--output", "json");
    JsonNode activations =
        Json.parse(status.out().getBytes(StandardCharsets.UTF_8)).path("activations");
    assertThat(activations).hasSize(1);
    assertThat(activations.get(0).path("type").asString()).isEqualTo("latency");
    assertThat(activations.get(0).path("level").asInt()).isEqualTo(2);
    assertThat(activations.get(0).path("scenarioId").asString()).isEqualTo("cli-it");
    assertThat(cli.run("chaos", "status").out()).contains("latency").contains("/api/products/**");

    Result audit = cli.run("chaos", "audit", "--limit", "5");
    assertThat(audit.out()).contains("latency").contains("cli-it");

    Result disabled = cli.run("chaos", "disable", "latency");
    assertThat(disabled.code()).as(disabled.toString()).isZero();
    assertThat(cli.run("chaos", "status").out()).contains("no chaos active");
  }

  @Test
  void haltReportsHowManyActivationsItStopped() {
    cli.run("chaos", "enable", "latency", "--level", "1");

    Result halt = cli.run("chaos", "halt");

    assertThat(halt.code()).as(halt.toString()).isZero();
    assertThat(halt.out()).isEqualTo("halted 1 activation(s)" + System.lineSeparator());
  }

  @Test
  void levelOutOfRangeIsRejectedWithTheServersValidationProblem() {
    Result r = cli.run("chaos", "enable", "latency", "--level", "9");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).startsWith("error: Invalid input");
  }
}
