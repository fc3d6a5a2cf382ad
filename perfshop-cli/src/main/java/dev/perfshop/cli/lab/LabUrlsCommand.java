package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "urls",
    mixinStandardHelpOptions = true,
    description = "Print the URLs of a rendered lab.")
final class LabUrlsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Override
  public Integer call() throws Exception {
    Workspace ws = where.workspace();
    Workspace.Meta m = ws.meta();
    String bind = Lab.envValue(ws, "LAB_BIND");
    new Lab(null, null, spec.commandLine().getOut(), spec.commandLine().getErr())
        .printUrls(
            new LabSpec(
                ws.name(),
                m.profiles(),
                m.variant(),
                new LabPorts(m.portOffset()),
                ImageOverrides.none(),
                bind.isEmpty() ? "127.0.0.1" : bind,
                m.services()));
    return ExitCodes.OK;
  }
}
