package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.lab.ContainerChaos;
import dev.perfshop.cli.lab.Workspace;
import dev.perfshop.cli.output.OutputOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "disable", description = "Disable one chaos type (idempotent).")
final class ChaosDisableCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "TYPE",
      completionCandidates = ChaosTypeCandidates.class,
      description = "The chaos type to disable.")
  String type;

  @Option(
      names = "--service",
      paramLabel = "SERVICE",
      description = "Container anomalies only: heal this service (default: every one).")
  String service;

  @Mixin LabChaos lab;

  @Override
  public Integer call() {
    var container = ContainerChaos.Type.of(type);
    if (container.isPresent()) {
      Workspace ws = lab.require(spec);
      List<String> healed =
          LabChaos.with(spec, ws, chaos -> chaos.disable(container.get(), service));
      PrintWriter out = CliContext.of(spec).out();
      out.println(
          healed.isEmpty()
              ? "no " + type + " to heal"
              : "disabled " + type + ": healed " + String.join(", ", healed));
      out.flush();
      return ExitCodes.OK;
    }
    if (service != null || lab.name != null) {
      throw CliException.usage("--service and --lab apply to container anomalies only");
    }
    JsonNode answer = Server.client(spec).adminDelete(ChaosPaths.type(type));
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, answer)) {
      out.println("disabled " + Json.text(answer, "disabled", type));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
