package dev.perfshop.cli.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code perfshop traffic} against a real server: real journeys, real purchases, real errors. */
class TrafficIntegrationTests {

  @TempDir Path temp;
  private Cli cli;

  @BeforeEach
  void start() {
    cli = Cli.against(ServerProcess.get(), temp);
    cli.run("chaos", "halt");
  }

  @AfterEach
  void halt() {
    cli.run("chaos", "halt");
  }

  @Test
  void shoppersBrowseSearchAndBuyWithoutErrors() {
    Result r =
        cli.run(
            "traffic",
            "--rate",
            "10",
            "--duration",
            "4s",
            "--mix",
            "40,30,30",
            "--think",
            "10ms",
            "-o",
            "json");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
    JsonNode report = Json.parse(r.out().getBytes(StandardCharsets.UTF_8));
    assertThat(report.path("journeys").asLong()).isGreaterThan(10);
    assertThat(report.path("errors").asLong()).as(r.out()).isZero();
    assertThat(routes(report))
        .contains(
            "GET /api/products",
            "GET /api/products/{id}",
            "POST /api/cart/items",
            "POST /api/orders");
    for (JsonNode route : report.path("routes")) {
      assertThat(route.path("p99").asDouble()).isGreaterThanOrEqualTo(route.path("p50").asDouble());
    }
  }

  @Test
  void injectedErrorsAreCountedAndExplained() {
    assertThat(
            cli.run(
                    "chaos",
                    "enable",
                    "error-rate",
                    "--level",
                    "5",
                    "--route",
                    "/api/products/**",
                    "--ttl",
                    "1m")
                .code())
        .isZero();

    Result r =
        cli.run(
            "traffic",
            "--rate",
            "10",
            "--duration",
            "3s",
            "--mix",
            "100,0,0",
            "--think",
            "10ms",
            "-o",
            "json");

    JsonNode report = Json.parse(r.out().getBytes(StandardCharsets.UTF_8));
    assertThat(report.path("errors").asLong()).isPositive();
    assertThat(report.path("notes").toString()).contains("→ 5");
  }

  @Test
  void aBadMixIsAUsageError() {
    Result r = cli.run("traffic", "--mix", "50,50,50");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--mix");
  }

  private static List<String> routes(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.path("routes").forEach(r -> out.add(r.path("route").asString()));
    return out;
  }
}
