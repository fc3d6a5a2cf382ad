package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.output.KeyValues;
import dev.perfshop.cli.output.OutputOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
    name = "install",
    description = "Send a licence file to the server, which verifies and keeps it.")
final class LicenseInstallCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "FILE", description = "The signed licence file (JSON).")
  Path file;

  @Override
  public Integer call() {
    CliContext ctx = CliContext.of(spec);
    Path path = ctx.workingDir().resolve(file);
    byte[] licence;
    try {
      licence = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read the licence file " + path + ": " + e.getClass().getSimpleName(),
          e);
    }
    // Sent byte for byte: the signature covers the file as issued.
    JsonNode status = Server.client(spec).adminSend("PUT", LicenseCommand.PATH, licence);
    PrintWriter out = ctx.out();
    if (!output.printedAsJson(out, status)) {
      out.println("licence installed");
      if (status.isObject()) {
        KeyValues.print(out, status);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
