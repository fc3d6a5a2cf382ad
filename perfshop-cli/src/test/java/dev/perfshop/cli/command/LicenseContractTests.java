package dev.perfshop.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.FakeServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perfshop license install|show|remove} against {@code /api/admin/license}. */
class LicenseContractTests {

  static final String STATUS =
      "{\"state\":\"valid\",\"licensee\":\"HEPL\",\"edition\":\"classroom\",\"seats\":40,"
          + "\"expiresAt\":\"2027-06-30T00:00:00Z\",\"features\":[\"chaos\",\"pedagogy\"]}";

  @TempDir Path temp;
  private FakeServer server;
  private Cli cli;

  @BeforeEach
  void start() {
    server = new FakeServer();
    cli =
        new Cli(temp)
            .env("PERFSHOP_URL", server.url())
            .env("PERFSHOP_ADMIN_TOKEN", ChaosContractTests.TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void installSendsTheFileByteForByteAsJson() throws IOException {
    byte[] licence =
        "{\n  \"payload\" : \"eyJ\u00e9\",\n  \"signature\":\"AbC=\"}\n".getBytes("UTF-8");
    Path file = Files.write(cli.workingDir().resolve("class.license"), licence);
    server.json("PUT", "/api/admin/license", 200, STATUS);

    Result r = cli.run("license", "install", "class.license");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(server.last().body()).isEqualTo(Files.readAllBytes(file));
    assertThat(server.last().header("Content-Type")).isEqualTo("application/json");
    assertThat(server.last().header("X-Admin-Token")).isEqualTo(ChaosContractTests.TOKEN);
    assertThat(r.out()).startsWith("licence installed").contains("licensee:").contains("HEPL");
  }

  @Test
  void showPrintsTheStatusAsKeyValuesOrJson() {
    server.json("GET", "/api/admin/license", 200, STATUS);

    Result text = cli.run("license", "show");
    Result json = cli.run("licence", "show", "-o", "json");

    assertThat(text.out().lines().toList())
        .contains("state:     valid", "seats:     40", "features:  chaos, pedagogy");
    assertThat(json.out()).contains("\"licensee\" : \"HEPL\"");
  }

  @Test
  void removeSendsDelete() {
    server.json("DELETE", "/api/admin/license", 200, "{\"state\":\"missing\"}");

    Result r = cli.run("license", "remove");

    assertThat(r.code()).isZero();
    assertThat(server.last().method()).isEqualTo("DELETE");
    assertThat(r.out()).isEqualTo("licence removed" + System.lineSeparator());
  }

  @Test
  void aMissingLicenceFileIsAUsageError() {
    Result r = cli.run("license", "install", "nope.license");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: cannot read the licence file");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aLicenceTheServerRefusesIsRejectedWithItsProblem() throws IOException {
    Files.writeString(cli.workingDir().resolve("bad.license"), "{}");
    server.problem(
        "PUT",
        "/api/admin/license",
        422,
        "{\"title\":\"Unprocessable request\",\"status\":422,\"detail\":\"bad signature\","
            + "\"reason\":\"bad-signature\"}");

    Result r = cli.run("license", "install", "bad.license");

    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err().lines().toList())
        .containsExactly("error: Unprocessable request: bad signature", "  reason: bad-signature");
  }
}
