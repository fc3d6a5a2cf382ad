package dev.perfshop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PerfShopCliTests {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PerfShopCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void versionNamesTheProductAndTheBuildVersion() {
    assertThat(run("--version")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("perfshop 0.1.0").doesNotContain("${");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(run("--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("Exit codes:").contains("3  server unreachable");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--frobnicate")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("error: unknown option '--frobnicate'");
  }
}
