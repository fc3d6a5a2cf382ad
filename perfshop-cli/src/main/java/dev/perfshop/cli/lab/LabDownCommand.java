package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop and remove the lab's containers (data volumes are kept unless --volumes).")
final class LabDownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Option(
      names = "--volumes",
      description = "Also delete the lab's data volumes (database, metrics, dashboards state).")
  boolean volumes;

  @Option(names = "--embedded", description = "Stop the embedded server instead.")
  boolean embedded;

  @Option(names = "--swarm", description = "Remove the swarm stacks of --groups groups.")
  boolean swarm;

  @Option(names = "--groups", defaultValue = "1", description = "--swarm: class groups.")
  int groups;

  @Override
  public Integer call() throws Exception {
    if (swarm) {
      new SwarmLab(spec.commandLine().getOut(), spec.commandLine().getErr())
          .down(where.name, SwarmLab.groupNames(groups));
      return ExitCodes.OK;
    }
    if (embedded) {
      new EmbeddedLab(where.dir, spec.commandLine().getOut(), spec.commandLine().getErr())
          .down(Duration.ofSeconds(20));
      return ExitCodes.OK;
    }
    Lab lab = LabCommand.lab(spec);
    try {
      lab.down(where.workspace(), volumes);
    } finally {
      lab.close();
    }
    return ExitCodes.OK;
  }
}
