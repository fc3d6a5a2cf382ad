package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Logs of the lab's services (one service with --follow).")
final class LabLogsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Parameters(
      arity = "0..1",
      paramLabel = "SERVICE",
      description = "e.g. perfshop-server, mysql, prometheus")
  String service;

  @Option(
      names = "--tail",
      defaultValue = "100",
      description = "Lines from the end (default: ${DEFAULT-VALUE}; -1 for all).")
  int tail;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines.")
  boolean follow;

  @Override
  public Integer call() throws Exception {
    Lab lab = LabCommand.lab(spec);
    try {
      lab.logs(where.workspace(), service, tail, follow);
    } finally {
      lab.close();
    }
    return ExitCodes.OK;
  }
}
