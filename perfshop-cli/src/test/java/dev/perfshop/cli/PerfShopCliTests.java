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

  @Test
  void aCommandLineBuildsOnlyTheBranchItRuns() {
    assertThat(PerfShopCli.branch("--url", "http://x", "chaos", "list"))
        .containsExactly(dev.perfshop.cli.command.ChaosCommand.class);
    assertThat(PerfShopCli.branch("licence", "show"))
        .containsExactly(dev.perfshop.cli.command.LicenseCommand.class);
    assertThat(PerfShopCli.branch("--version")).isEmpty();
    assertThat(PerfShopCli.branch("--help")).isEqualTo(PerfShopCli.SUBCOMMANDS);
    assertThat(PerfShopCli.branch()).isEqualTo(PerfShopCli.SUBCOMMANDS);
    assertThat(PerfShopCli.branch("shell")).isEqualTo(PerfShopCli.SUBCOMMANDS);
    assertThat(PerfShopCli.branch("chaoss")).isEqualTo(PerfShopCli.SUBCOMMANDS);
  }

  @Test
  void aMistypedCommandSuggestsTheRightOne() {
    assertThat(run("chaos", "stauts")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .startsWith("error: unexpected argument 'stauts'")
        .contains("Did you mean: chaos status");
  }
}
