package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab's compose project: runs {@code docker compose} (or {@code docker-compose}) on the
 * workspace's files with its output echoed, indented, to the error stream, and turns a failed run
 * into a {@link LabException} that names the cause a user can act on (an image that cannot be
 * pulled, a taken port).
 */
final class ComposeStack {

  /** The output lines and exit code of one compose run. */
  record Run(List<String> lines, int exitCode) {
    boolean failed() {
      return exitCode != 0;
    }

    LabException failure() {
      return ComposeStack.failure(lines, exitCode);
    }
  }

  private final Compose compose;
  private final PrintWriter err;

  ComposeStack(Compose compose, PrintWriter err) {
    this.compose = compose;
    this.err = err;
  }

  /** The command line {@code args} would run (for {@code --dry-run}). */
  List<String> line(Workspace ws, String project, List<String> args) {
    return compose.line(ws.dir(), project, ws.meta().composeFiles(), args);
  }

  /** Runs {@code compose ARGS} in the workspace, after a {@code $ compose VERB (dir)} line. */
  Run run(Workspace ws, String project, List<String> args, String shown) {
    if (shown != null) {
      err.println(
          "$ " + String.join(" ", compose.command()) + " " + shown + "  (" + ws.dir() + ")");
      err.flush();
    }
    List<String> lines = new ArrayList<>();
    int rc =
        Compose.run(
            line(ws, project, args),
            ws.dir(),
            line -> {
              lines.add(line);
              err.println("  " + line);
              err.flush();
            });
    return new Run(lines, rc);
  }

  /** compose v1 announces a pull as {@code Pulling SERVICE (IMAGE)...}. */
  private static final Pattern PULLING = Pattern.compile("Pulling (\\S+) \\((\\S+)\\)\\.\\.\\.");

  static LabException failure(List<String> lines, int rc) {
    // A failed pull after "Pulling mysql (image)..." (offline: the registry's name does not
    // resolve) is an image that cannot be found, whatever the registry's own wording.
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = PULLING.matcher(lines.get(i));
      if (m.find() && lines.size() - 1 - i <= 2) { // the pull failed, nothing came after it
        String cause = lines.get(lines.size() - 1).strip();
        return new LabException(
            ExitCodes.DOCKER,
            "an image cannot be found: " + m.group(2) + " (service " + m.group(1) + "): " + cause,
            "offline or behind a classroom registry? map it to a local image with --images FILE (see docs/lab.md)");
      }
    }
    for (String l : lines) {
      String low = l.toLowerCase(Locale.ROOT);
      if (low.contains("failed to resolve reference")
          || low.contains("pull access denied")
          || low.contains("manifest unknown")
          || low.contains("not found: manifest")
          || (low.contains("error") && low.contains("pull"))
          || low.contains("no such image")) {
        return new LabException(
            ExitCodes.DOCKER,
            "an image cannot be found: " + l.strip(),
            "offline or behind a classroom registry? map it to a local image with --images FILE (see docs/lab.md)");
      }
      if (low.contains("port is already allocated") || low.contains("address already in use")) {
        return new LabException(
            ExitCodes.DOCKER,
            "a port is taken: " + l.strip(),
            "pick other ports with --port-offset N");
      }
    }
    return new LabException(
        ExitCodes.DOCKER,
        "docker compose up failed (exit "
            + rc
            + ")"
            + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip()));
  }
}
