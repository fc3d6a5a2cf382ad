package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.fail;

import dev.perfshop.cli.PerfShopCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers of the lab tests: the checkout's folders, real parts, running the CLI. */
final class LabSupport {

  private LabSupport() {}

  /** The repository root (the CLI module's parent). */
  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("compose-templates/INDEX"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "compose-templates/INDEX not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static Path templates() {
    return repo().resolve("compose-templates");
  }

  static Path serverJar() {
    return repo().resolve("perfshop-server/target/perfshop-server.jar");
  }

  /** The packaged CLI jar (lib/ beside it): exists once the module is packaged. */
  static Path cliJar() {
    return repo().resolve("perfshop-cli/target/perfshop-cli.jar");
  }

  static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Missing real part: a loud skip locally, a failure with CI=true. */
  static void require(boolean present, String what, String howToGetIt) {
    if (present) {
      return;
    }
    String reason = what + " is not available: " + howToGetIt;
    if (ci()) {
      fail("CI=true and " + reason);
    }
    System.err.println("SKIPPED (real part missing): " + reason);
    Assumptions.abort(reason);
  }

  /** The compose command of this machine (v2 plugin, else v1), or null. */
  static List<String> compose() {
    try {
      return Compose.detect(System.getenv("PERFSHOP_COMPOSE")).command();
    } catch (LabException missing) {
      return null;
    }
  }

  /** Runs a command quietly (up to 60 s): its exit code, or -1 when it cannot run. */
  static int run(List<String> cmd) {
    return Compose.quiet(cmd, 60);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Result of one in-process CLI run. */
  record Run(int exitCode, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = PerfShopCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(rc, out.toString(), err.toString());
  }
}
