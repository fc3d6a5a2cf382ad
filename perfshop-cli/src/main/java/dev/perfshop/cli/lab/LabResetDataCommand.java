package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
    name = "reset-data",
    mixinStandardHelpOptions = true,
    description = "Restore the shop's seed data (POST /api/admin/data/reset) on the current lab.")
final class LabResetDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = ".perfshop",
      description = "Workspace folder (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() {
    JsonNode result = LabProvisioning.resetData(dir);
    spec.commandLine().getOut().println("Shop data reset: " + result);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
