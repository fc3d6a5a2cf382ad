package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code perfshop session student …}: the roster of a session. A student is named by their id or
 * their nickname (case-insensitive), as the instructor sees them on the board.
 */
@Command(
    name = "student",
    description = "The roster: list, rename, reset or remove a student, read back an agent code.")
public final class SessionStudentCommand extends Parent {

  @Command(name = "list", description = "Students with their stars and agent codes.")
  int list(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    JsonNode roster = roster(id);
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, roster)) {
      Table t = new Table("STUDENT ID", "NICKNAME", "STARS", "SOLVED", "AGENT CODE");
      for (JsonNode s : roster) {
        t.row(
            s.path("id").asString(),
            s.path("nickname").asString(),
            s.path("stars").asString("0"),
            s.path("solved").asString("0"),
            s.path("agentCode").asString());
      }
      t.print(out);
      out.flush();
    }
    return ExitCodes.OK;
  }

  @Command(name = "code", description = "Read a student's agent code back (they lost it).")
  int code(
      @Parameters(paramLabel = "ID") String id,
      @Parameters(paramLabel = "STUDENT", description = "Student id or nickname.") String who) {
    JsonNode s = find(id, who);
    PrintWriter out = CliContext.of(spec).out();
    out.println(s.path("agentCode").asString());
    out.flush();
    return ExitCodes.OK;
  }

  @Command(name = "rename", description = "Change a student's nickname.")
  int rename(
      @Parameters(paramLabel = "ID") String id,
      @Parameters(paramLabel = "STUDENT", description = "Student id or nickname.") String who,
      @Parameters(paramLabel = "NEW_NICKNAME") String nickname,
      @Mixin OutputOptions output) {
    JsonNode s = find(id, who);
    ObjectNode body = Json.object();
    body.put("nickname", nickname);
    JsonNode renamed =
        Server.client(spec).adminSend("PATCH", path(id, s), SessionCommand.bytes(body));
    return done(
        renamed,
        output,
        "renamed " + s.path("nickname").asString() + " to " + renamed.path("nickname").asString());
  }

  @Command(
      name = "reset",
      description = "Clear a student's progress (stars, hints, attempts); their code stays valid.")
  int reset(
      @Parameters(paramLabel = "ID") String id,
      @Parameters(paramLabel = "STUDENT", description = "Student id or nickname.") String who,
      @Mixin OutputOptions output) {
    JsonNode s = find(id, who);
    JsonNode reset = Server.client(spec).adminSend("POST", path(id, s) + "/reset", null);
    return done(reset, output, "reset " + s.path("nickname").asString());
  }

  @Command(
      name = "remove",
      description = "Remove a student and their progress; their agent code stops working.")
  int remove(
      @Parameters(paramLabel = "ID") String id,
      @Parameters(paramLabel = "STUDENT", description = "Student id or nickname.") String who) {
    JsonNode s = find(id, who);
    Server.client(spec).adminDelete(path(id, s));
    PrintWriter out = CliContext.of(spec).out();
    out.println("removed " + s.path("nickname").asString());
    out.flush();
    return ExitCodes.OK;
  }

  private int done(JsonNode node, OutputOptions output, String text) {
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, node)) {
      out.println(text);
      out.flush();
    }
    return ExitCodes.OK;
  }

  private JsonNode roster(String id) {
    return Server.client(spec)
        .adminGet(SessionCommand.BASE + "/" + SessionCommand.segment(id) + "/students");
  }

  private static String path(String id, JsonNode student) {
    return SessionCommand.BASE
        + "/"
        + SessionCommand.segment(id)
        + "/students/"
        + student.path("id").asLong();
  }

  /** By id first, then by nickname, ignoring case; an unknown student is a usage error. */
  private JsonNode find(String id, String who) {
    JsonNode roster = roster(id);
    List<String> names = new ArrayList<>();
    for (JsonNode s : roster) {
      if (s.path("id").asString().equals(who)) {
        return s;
      }
      names.add(s.path("nickname").asString());
    }
    for (JsonNode s : roster) {
      if (s.path("nickname")
          .asString()
          .toLowerCase(Locale.ROOT)
          .equals(who.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new CliException(
        ExitCodes.USAGE,
        "no student '" + who + "' in session " + id,
        List.of(
            names.isEmpty() ? "nobody has joined yet" : "students: " + String.join(", ", names)),
        null);
  }
}
