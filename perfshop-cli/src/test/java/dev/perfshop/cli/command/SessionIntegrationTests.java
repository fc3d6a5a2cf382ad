package dev.perfshop.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code perfshop session …} against the class-session API of a real server. */
class SessionIntegrationTests {

  @TempDir Path temp;
  private Cli cli;

  @BeforeEach
  void start() {
    cli = Cli.against(ServerProcess.get(), temp);
  }

  @Test
  void createOpenRegisterTheLibraryAndFollowProgress() {
    Result created = cli.run("session", "create", "Tuesday group", "--level", "BAC2", "-o", "json");
    assertThat(created.code()).as(created.toString()).isZero();
    JsonNode session = Json.parse(created.out().getBytes(StandardCharsets.UTF_8));
    String id = session.path("id").asString();
    assertThat(session.path("studentPage").asString()).isEqualTo("closed");

    Result opened = cli.run("session", "open", id);
    assertThat(opened.code()).as(opened.toString()).isZero();
    assertThat(opened.out())
        .contains("student page open")
        .contains(session.path("joinCode").asString());

    Result library = cli.run("session", "library", id, "--scenario", "cpu-hog");
    assertThat(library.code()).as(library.toString()).isZero();
    assertThat(library.out()).isEqualTo("registered 2 enigma(s)\n");

    Result list = cli.run("session", "list");
    assertThat(list.out()).startsWith("ID").contains("Tuesday group").contains("BAC2");

    Result progress = cli.run("session", "progress", id);
    assertThat(progress.code()).isZero();
    assertThat(progress.out()).startsWith("2 enigma(s), 0 student(s)");

    assertThat(cli.run("session", "archive", id).out()).contains("archived");
  }

  @Test
  void badInputIsRefusedWithTheServersProblemOrBeforeSending() {
    Result badLevel = cli.run("session", "create", "x", "--level", "BAC9");
    assertThat(badLevel.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(badLevel.err()).startsWith("error: ");

    Result unknown = cli.run("session", "show", "999999");
    assertThat(unknown.code()).isEqualTo(ExitCodes.REJECTED);

    Result traversal = cli.run("session", "open", "../chaos/halt");
    assertThat(traversal.code()).isEqualTo(ExitCodes.USAGE);
  }
}
