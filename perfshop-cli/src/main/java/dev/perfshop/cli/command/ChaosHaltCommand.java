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
    name = "halt",
    description = "Disable every chaos type at once (idempotent, always works).")
final class ChaosHaltCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode answer = Server.client(spec).adminSend("POST", ChaosPaths.HALT, null);
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, answer)) {
      out.println("halted " + Json.text(answer, "halted", "0") + " activation(s)");
      out.flush();
    }
    return ExitCodes.OK;
  }
}
