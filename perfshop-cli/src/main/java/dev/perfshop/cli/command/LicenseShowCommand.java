package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.output.KeyValues;
import dev.perfshop.cli.output.OutputOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "show", description = "Show the licence status of the server.")
final class LicenseShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode status = Server.client(spec).adminGet(LicenseCommand.PATH);
    CliContext ctx = CliContext.of(spec);
    if (!output.printedAsJson(ctx.out(), status)) {
      KeyValues.print(ctx.out(), status);
    }
    return ExitCodes.OK;
  }
}
