package dev.perfshop.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.ServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real command tree against a real perfshop-server process: success, each exit code a server
 * can cause, JSON output, and the printing of the server's problem details.
 */
class ServerIntegrationTests {

  @TempDir Path temp;
  private ServerProcess server;
  private Cli cli;

  @BeforeEach
  void startServer() {
    server = ServerProcess.get();
    cli = Cli.against(server, temp);
  }

  @Test
  void configCheckFindsTheServerUpAndExitsZero() {
    Result r = cli.run("config", "check");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("server").contains(server.url() + " UP");
  }

  @Test
  void configCheckAsJsonIsParseableAndStable() {
    Result r = cli.run("config", "check", "--output", "json");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
    JsonNode json = Json.parse(r.out().getBytes(StandardCharsets.UTF_8));
    assertThat(json.path("url").asString()).isEqualTo(server.url());
    assertThat(json.path("health").asString()).isEqualTo("UP");
    assertThat(json.path("exitCode").asInt()).isZero();
  }

  @Test
  void aServerWithoutLicenceMakesTheShopApiExitWithTheLicenceCodeAndInstallRestoresIt() {
    assertThat(server.hasLicenceGate())
        .as("this perfshop-server build has no licence gate (402) yet")
        .isTrue();
    try {
      Result removed = cli.run("license", "remove");
      assertThat(removed.code()).as(removed.toString()).isZero();

      Result check = cli.run("config", "check");
      assertThat(check.code()).as(check.toString()).isEqualTo(ExitCodes.LICENCE);
      assertThat(check.out()).contains("402 Licence required").contains("(missing)");
    } finally {
      Result installed = cli.run("license", "install", server.licenceFile().toString());
      assertThat(installed.code()).as(installed.toString()).isZero();
    }
    Result shown = cli.run("license", "show", "-o", "json");
    JsonNode status = Json.parse(shown.out().getBytes(StandardCharsets.UTF_8));
    assertThat(status.path("valid").asBoolean()).isTrue();
    assertThat(status.path("licensee").asString()).isEqualTo("perfshop-cli tests");
    assertThat(cli.run("config", "check").code()).isZero();
  }

  @Test
  void aWrongAdminTokenIsRejectedAndTheHintNamesItsSource() {
    Cli wrong =
        new Cli(temp.resolve("wrong"))
            .env("PERFSHOP_URL", server.url())
            .env("PERFSHOP_ADMIN_TOKEN", "wrong-token-0123456789abcdef0123456789");
    assertThat(server.checksAdminToken())
        .as("this perfshop-server build does not check the admin token yet")
        .isTrue();

    Result r = wrong.run("license", "show");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err())
        .startsWith("error: ")
        .contains("the admin token from environment PERFSHOP_ADMIN_TOKEN was refused")
        .doesNotContain("wrong-token-0123456789abcdef0123456789");
  }

  @Test
  void unknownChaosTypeIsRejectedAndTheProblemIsPrintedWithoutStackTrace() {
    Result r = cli.run("chaos", "enable", "no-such-type", "--level", "1");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).matches("(?s)error: Not [Ff]ound: .+").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void verboseAddsTheStackTraceToTheProblem() {
    Result r = cli.run("--verbose", "chaos", "enable", "no-such-type", "--level", "1");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err())
        .matches("(?s)error: Not [Ff]ound: .+")
        .contains("ProblemException")
        .contains("\tat ");
  }

  @Test
  void closedPortIsUnreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Result r = cli.run("chaos", "status", "--url", "http://127.0.0.1:" + closed);

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err())
        .startsWith("error: cannot reach the PerfShop server at http://127.0.0.1:" + closed)
        .contains("flag --url");
  }

  @Test
  void missingRequiredOptionIsAUsageErrorBeforeAnyRequest() {
    Result r = cli.run("chaos", "enable", "latency");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("error: Missing required option: '--level=N'");
  }

  @Test
  void adminCommandWithoutAnyTokenIsAUsageErrorThatSaysWhereToPutOne() {
    Cli noToken = new Cli(temp.resolve("no-token")).env("PERFSHOP_URL", server.url());

    Result r = noToken.run("chaos", "status");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .startsWith("error: no admin token configured")
        .contains("--admin-token-file");
  }

  @Test
  void configShowNamesTheWinningSourcesAndNeverPrintsTheToken() {
    Result r = cli.run("config", "show");

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("environment PERFSHOP_URL")
        .contains("environment PERFSHOP_ADMIN_TOKEN_FILE")
        .doesNotContain(ServerProcess.TOKEN);
  }
}
