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
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
    name = "remove",
    description = "Remove the server's licence (the shop API then answers 402).")
final class LicenseRemoveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode answer = Server.client(spec).adminDelete(LicenseCommand.PATH);
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, answer.isMissingNode() ? Json.object() : answer)) {
      out.println("licence removed");
      out.flush();
    }
    return ExitCodes.OK;
  }
}
