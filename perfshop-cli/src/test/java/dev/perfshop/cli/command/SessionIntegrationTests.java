package dev.perfshop.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.Cli.Result;
import dev.perfshop.cli.support.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    assertThat(library.out()).isEqualTo("registered 3 enigma(s)\n");

    Result list = cli.run("session", "list");
    assertThat(list.out()).startsWith("ID").contains("Tuesday group").contains("BAC2");

    Result progress = cli.run("session", "progress", id);
    assertThat(progress.code()).isZero();
    assertThat(progress.out()).startsWith("3 enigma(s), 0 student(s)");

    assertThat(cli.run("session", "archive", id).out()).contains("archived");
  }

  private String join(String code, String nickname) throws Exception {
    var res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(ServerProcess.get().url() + "/api/student/join"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"code\":\"" + code + "\",\"nickname\":\"" + nickname + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).isEqualTo(201);
    return Json.parse(res.body()).path("agentCode").asString();
  }

  @Test
  void everyClassActionIsACommand() throws Exception {
    Result created =
        cli.run("session", "create", "Thursday group", "--level", "BAC2", "-o", "json");
    JsonNode session = Json.parse(created.out().getBytes(StandardCharsets.UTF_8));
    String id = session.path("id").asString();
    String code = session.path("joinCode").asString();
    cli.run("session", "open", id);
    assertThat(cli.run("session", "library", id, "--scenario", "cpu-hog").code()).isZero();
    String agent = join(code, "Zoé");
    join(code, "Bob");

    Result list = cli.run("session", "student", "list", id);
    assertThat(list.code()).as(list.toString()).isZero();
    assertThat(list.out()).startsWith("STUDENT ID").contains("Zoé").contains(agent);
    Result readBack = cli.run("session", "student", "code", id, "zoé");
    assertThat(readBack.out()).isEqualTo(agent + "\n");
    Result renamed = cli.run("session", "student", "rename", id, "Bob", "Robert");
    assertThat(renamed.out()).isEqualTo("renamed Bob to Robert\n");
    assertThat(cli.run("session", "student", "reset", id, "Robert").out())
        .isEqualTo("reset Robert\n");
    Result unknown = cli.run("session", "student", "remove", id, "Nobody");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("no student 'Nobody'").contains("Zoé, Robert");
    assertThat(cli.run("session", "student", "remove", id, "Robert").out())
        .isEqualTo("removed Robert\n");

    Result hint = cli.run("session", "hint", id, "cpu-hog.cpu-route");
    assertThat(hint.code()).as(hint.toString()).isZero();
    assertThat(hint.out()).startsWith("released hint 1 of ");
    assertThat(cli.run("session", "hint", id, "../../chaos/halt").code())
        .isEqualTo(ExitCodes.USAGE);

    assertThat(cli.run("session", "message", id, "Check the CPU chart").out())
        .isEqualTo("students now see: Check the CPU chart\n");
    assertThat(cli.run("session", "freeze", id).code()).isZero();
    assertThat(cli.run("session", "thaw", id).code()).isZero();

    Path csv = temp.resolve("grades.csv");
    Result export = cli.run("session", "export", id, "--bom", "--file", csv.toString());
    assertThat(export.code()).as(export.toString()).isZero();
    byte[] bytes = Files.readAllBytes(csv);
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(bytes, StandardCharsets.UTF_8).lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("\uFEFFnickname,student_id,\"cpu-hog.");
    Result ctfd = cli.run("session", "export", id, "-f", "ctfd");
    assertThat(Json.parse(ctfd.out().getBytes(StandardCharsets.UTF_8)).path("challenges").size())
        .isEqualTo(3);
    assertThat(cli.run("session", "export", id, "-f", "xlsx").code()).isEqualTo(ExitCodes.USAGE);

    Result report = cli.run("scenario", "report", "--session", id);
    assertThat(report.code()).as(report.toString()).isZero();
    assertThat(report.out())
        .startsWith("# Debrief — Thursday group")
        .contains("hint 1 of cpu-hog.cpu-route released to everyone")
        .contains("message | Check the CPU chart");
    Result html = cli.run("scenario", "report", "--session", id, "-f", "html");
    assertThat(html.out()).startsWith("<!doctype html>");
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
