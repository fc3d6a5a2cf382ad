package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code perfshop session …}: class sessions over {@code /api/admin/sessions} (docs/pedagogy.md).
 * Each subcommand is one admin call; the server validates every input.
 */
@Command(
    name = "session",
    description =
        "Create class sessions, open or close the student page, follow progress, run the class.",
    subcommands = {SessionStudentCommand.class})
public final class SessionCommand extends Parent {

  static final String BASE = "/api/admin/sessions";

  @Command(name = "list", description = "The class sessions (archived ones with --archived).")
  int list(
      @Option(names = "--archived", description = "Also the archived sessions.") boolean archived,
      @Mixin OutputOptions output) {
    JsonNode sessions = Server.client(spec).adminGet(BASE + "?archived=" + archived);
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, sessions)) {
      Table t =
          new Table("ID", "NAME", "LEVEL", "JOIN CODE", "STUDENT PAGE", "STUDENTS", "ENIGMAS");
      for (JsonNode s : sessions) {
        t.row(
            s.path("id").asString(),
            s.path("name").asString(),
            s.path("level").asString(),
            s.path("joinCode").asString("-"),
            s.path("archived").asBoolean() ? "archived" : s.path("studentPage").asString(),
            s.path("students").asString("0"),
            s.path("enigmas").asString("0"));
      }
      t.print(out);
      out.flush();
    }
    return ExitCodes.OK;
  }

  @Command(name = "create", description = "A new session (its student page starts closed).")
  int create(
      @Parameters(paramLabel = "NAME", description = "Name shown to the instructor.") String name,
      @Option(
              names = {"-l", "--level"},
              required = true,
              paramLabel = "BACn",
              description = "BAC1 to BAC5.")
          String level,
      @Mixin OutputOptions output) {
    ObjectNode body = Json.object();
    body.put("name", name);
    body.put("level", level);
    return print(Server.client(spec).adminSend("POST", BASE, bytes(body)), output);
  }

  @Command(name = "show", description = "One session.")
  int show(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    return print(Server.client(spec).adminGet(BASE + "/" + segment(id)), output);
  }

  @Command(name = "open", description = "Open the student page: students can join and answer.")
  int open(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    return print(
        Server.client(spec).adminSend("POST", BASE + "/" + segment(id) + "/open", null), output);
  }

  @Command(name = "close", description = "Close the student page (progress is kept).")
  int close(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    return print(
        Server.client(spec).adminSend("POST", BASE + "/" + segment(id) + "/close", null), output);
  }

  @Command(name = "archive", description = "Close for good and free the join code.")
  int archive(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    return print(
        Server.client(spec).adminSend("POST", BASE + "/" + segment(id) + "/archive", null), output);
  }

  @Command(
      name = "library",
      description =
          "Register the shipped enigmas of the session's level (or of one scenario), open.")
  int library(
      @Parameters(paramLabel = "ID") String id,
      @Option(
              names = "--scenario",
              paramLabel = "SCENARIO_ID",
              description = "Only this scenario's enigmas.")
          String scenario,
      @Mixin OutputOptions output) {
    byte[] body = null;
    if (scenario != null) {
      ObjectNode o = Json.object();
      o.put("scenarioId", scenario);
      o.put("open", true);
      body = bytes(o);
    }
    JsonNode enigmas =
        Server.client(spec).adminSend("POST", BASE + "/" + segment(id) + "/enigmas/library", body);
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, enigmas)) {
      out.println("registered " + enigmas.size() + " enigma(s)");
      out.flush();
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "progress",
      description = "The leaderboard and each student's stars (JSON: the whole progress).")
  int progress(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    JsonNode progress = Server.client(spec).adminGet(BASE + "/" + segment(id) + "/progress");
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, progress)) {
      Table t = new Table("NICKNAME", "STARS", "SOLVED", "HINTS", "WRONG");
      for (JsonNode s : progress.path("students")) {
        t.row(
            s.path("nickname").asString(),
            s.path("stars").asString("0"),
            s.path("solved").asString("0"),
            s.path("hintsTaken").asString("0"),
            s.path("wrongAnswers").asString("0"));
      }
      out.println(
          progress.path("enigmas").size()
              + " enigma(s), "
              + progress.path("students").size()
              + " student(s)");
      t.print(out);
      out.flush();
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "hint",
      description = "Release an enigma's next hint to every student (free for all).")
  int hint(
      @Parameters(paramLabel = "ID") String id,
      @Parameters(
              paramLabel = "ENIGMA",
              description = "The enigma key, e.g. cpu-hog.which-resource.")
          String enigma,
      @Mixin OutputOptions output) {
    JsonNode e =
        Server.client(spec)
            .adminSend(
                "POST",
                BASE + "/" + segment(id) + "/enigmas/" + enigmaSegment(enigma) + "/hints/release",
                null);
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, e)) {
      out.println(
          "released hint "
              + e.path("hintsReleased").asInt()
              + " of "
              + e.path("hints").size()
              + " of "
              + e.path("key").asString());
      out.flush();
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "message",
      description = "Show a message to every student of the session (\"\" clears it).")
  int message(
      @Parameters(paramLabel = "ID") String id,
      @Parameters(paramLabel = "TEXT", description = "At most 500 characters.") String text,
      @Mixin OutputOptions output) {
    ObjectNode body = Json.object();
    body.put("message", text);
    JsonNode session =
        Server.client(spec).adminSend("POST", BASE + "/" + segment(id) + "/message", bytes(body));
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, session)) {
      out.println(
          session.path("message").isMissingNode() || session.path("message").isNull()
              ? "message cleared"
              : "students now see: " + session.path("message").asString());
      out.flush();
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "freeze",
      description = "Freeze the scoreboard students and the projector see (closing also does).")
  int freeze(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    return print(
        Server.client(spec)
            .adminSend("POST", BASE + "/" + segment(id) + "/scoreboard/freeze", null),
        output);
  }

  @Command(name = "thaw", description = "Show students the live scoreboard again.")
  int thaw(@Parameters(paramLabel = "ID") String id, @Mixin OutputOptions output) {
    return print(
        Server.client(spec).adminSend("POST", BASE + "/" + segment(id) + "/scoreboard/thaw", null),
        output);
  }

  @Command(
      name = "export",
      description =
          "Grades: csv (one row per student, one column per enigma, a total; Moodle's gradebook"
              + " CSV import), json (the whole progress) or ctfd (a CTFd challenge set).")
  int export(
      @Parameters(paramLabel = "ID") String id,
      @Option(
              names = {"-f", "--format"},
              defaultValue = "csv",
              paramLabel = "FORMAT",
              description = "csv, json or ctfd (default: ${DEFAULT-VALUE}).")
          String format,
      @Option(
              names = "--bom",
              description = "Start the CSV with a UTF-8 byte-order mark (Excel on Windows).")
          boolean bom,
      @Option(
              names = "--long",
              description = "CSV with one line per student and enigma instead of the gradebook.")
          boolean longLayout,
      @Option(
              names = "--file",
              paramLabel = "FILE",
              description = "Write to FILE instead of standard output.")
          Path file) {
    if (!format.matches("csv|json|ctfd")) {
      throw dev.perfshop.cli.CliException.usage("--format must be csv, json or ctfd");
    }
    byte[] body =
        Server.client(spec)
            .adminDownload(
                BASE
                    + "/"
                    + segment(id)
                    + "/export?format="
                    + format
                    + (bom ? "&bom=true" : "")
                    + (longLayout ? "&layout=long" : ""),
                format.equals("csv") ? "text/csv" : "application/json");
    return write(body, file, "export");
  }

  /** Writes a downloaded document to a file (saying so on stdout) or to standard output. */
  int write(byte[] body, Path file, String what) {
    PrintWriter out = CliContext.of(spec).out();
    if (file == null) {
      out.print(new String(body, StandardCharsets.UTF_8));
    } else {
      try {
        Files.write(file, body);
      } catch (IOException e) {
        throw new dev.perfshop.cli.CliException(
            ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
      }
      out.println("wrote " + what + " to " + file + " (" + body.length + " bytes)");
    }
    out.flush();
    return ExitCodes.OK;
  }

  private int print(JsonNode session, OutputOptions output) {
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, session)) {
      out.println(
          "session "
              + session.path("id").asString()
              + " \""
              + session.path("name").asString()
              + "\" "
              + session.path("level").asString()
              + ", join code "
              + session.path("joinCode").asString("-")
              + ", student page "
              + (session.path("archived").asBoolean()
                  ? "archived"
                  : session.path("studentPage").asString()));
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** Enigma keys ({@code scenario.enigma}) are path segments too. */
  static String enigmaSegment(String key) {
    if (!key.matches("[A-Za-z0-9._-]{1,100}") || key.contains("..")) {
      throw dev.perfshop.cli.CliException.usage("'" + key + "' is not an enigma key");
    }
    return key;
  }

  /** Session ids are path segments: anything else is refused before a request is sent. */
  static String segment(String id) {
    if (!id.matches("[A-Za-z0-9-]{1,64}")) {
      throw dev.perfshop.cli.CliException.usage("'" + id + "' is not a session id");
    }
    return id;
  }

  static byte[] bytes(JsonNode node) {
    return Json.compact(node).getBytes(StandardCharsets.UTF_8);
  }
}
