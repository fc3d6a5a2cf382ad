package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code perfshop scenario report}: the debrief of a class session after a run, as Markdown or HTML
 * — incident timeline (anomalies on and off, hints released, first detection of each enigma), time
 * to detect per anomaly and student, leaderboard. The server writes it (one renderer for the page,
 * the CLI and scripts).
 */
@Command(
    name = "report",
    description = "The debrief of a run's class session: timeline, time to detect, leaderboard.")
public final class ScenarioReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--session",
      required = true,
      paramLabel = "ID",
      description = "The class session the run used (its --session).")
  String session;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "md",
      paramLabel = "FORMAT",
      description = "md or html (default: ${DEFAULT-VALUE}); json for scripts.")
  String format;

  @Option(names = "--file", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path file;

  @Override
  public Integer call() {
    if (!format.matches("md|html|json")) {
      throw CliException.usage("--format must be md, html or json");
    }
    String accept =
        switch (format) {
          case "md" -> "text/markdown";
          case "html" -> "text/html";
          default -> "application/json";
        };
    byte[] body =
        Server.client(spec)
            .adminDownload(
                SessionCommand.BASE
                    + "/"
                    + SessionCommand.segment(session)
                    + "/report?format="
                    + format,
                accept);
    PrintWriter out = CliContext.of(spec).out();
    if (file == null) {
      out.print(new String(body, StandardCharsets.UTF_8));
    } else {
      try {
        Files.write(file, body);
      } catch (IOException e) {
        throw new CliException(
            ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
      }
      out.println("wrote the report to " + file + " (" + body.length + " bytes)");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
