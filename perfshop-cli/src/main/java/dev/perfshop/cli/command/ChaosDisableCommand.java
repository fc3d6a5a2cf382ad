package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Override
  public Integer call() {
    JsonNode answer = Server.client(spec).adminDelete(ChaosPaths.type(type));
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, answer)) {
      out.println("disabled " + Json.text(answer, "disabled", type));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
