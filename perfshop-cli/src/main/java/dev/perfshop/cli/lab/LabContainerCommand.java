package dev.perfshop.cli.lab;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "container",
    mixinStandardHelpOptions = true,
    description =
        "Infrastructure anomalies on a lab service: kill, pause, unpause, restart. The same as"
            + " perfshop chaos enable container-kill|container-pause|container-restart (recorded,"
            + " audited, healed by chaos disable or halt); unpause is chaos disable"
            + " container-pause.")
final class LabContainerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Parameters(index = "0", paramLabel = "ACTION", description = "kill | pause | unpause | restart")
  String action;

  @Parameters(index = "1", paramLabel = "SERVICE", description = "e.g. mysql")
  String service;

  @Override
  public Integer call() throws Exception {
    if (!List.of("kill", "pause", "unpause", "restart").contains(action)) {
      throw new LabException(
          ExitCodes.USAGE,
          "unknown action '" + action + "'",
          "actions: kill, pause, unpause, restart");
    }
    CliContext ctx = CliContext.of(spec);
    String actor = ctx.env("PERFSHOP_ACTOR");
    if (actor == null) {
      actor = (ctx.env("USER") == null ? "" : ctx.env("USER") + "@") + "cli";
    }
    Lab lab = LabCommand.lab(spec);
    try {
      ContainerChaos chaos =
          new ContainerChaos(lab, where.workspace(), java.time.Clock.systemUTC()).by(actor, null);
      String done =
          switch (action) {
            case "kill" -> count(chaos.enable(ContainerChaos.Type.KILL, service, 1));
            case "pause" -> count(chaos.enable(ContainerChaos.Type.PAUSE, service, 1));
            case "restart" -> count(chaos.enable(ContainerChaos.Type.RESTART, service, 1));
            default -> {
              // unpause heals the recorded pause; a pause made outside PerfShop is undone as is
              if (chaos.disable(ContainerChaos.Type.PAUSE, service).isEmpty()) {
                yield count(lab.containerAction(where.workspace(), service, "unpause"));
              }
              yield "healed";
            }
          };
      ctx.out().println(action + ": " + service + " (" + done + ")");
      ctx.out().flush();
    } finally {
      lab.close();
    }
    return ExitCodes.OK;
  }

  private static String count(int n) {
    return n + " container" + (n == 1 ? "" : "s");
  }
}
