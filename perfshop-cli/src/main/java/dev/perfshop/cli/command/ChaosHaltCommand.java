package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.lab.Workspace;
import dev.perfshop.cli.output.OutputOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
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

  @Mixin LabChaos lab;

  /**
   * Heals the lab's container anomalies first (they do not need the server, which may be down
   * because its database was killed), then halts the server's chaos. A Docker failure does not stop
   * the server halt; it is reported and makes the exit code non-zero.
   */
  @Override
  public Integer call() {
    CliContext ctx = CliContext.of(spec);
    List<String> healed = List.of();
    RuntimeException labFailure = null;
    Optional<Workspace> ws = lab.workspace(spec);
    if (ws.isPresent()) {
      try {
        healed = LabChaos.with(spec, ws.get(), c -> c.any() ? c.halt() : List.of());
      } catch (RuntimeException e) {
        labFailure = e;
      }
    }
    PrintWriter out = ctx.out();
    if (!output.json()) {
      // Said before the server call: an unreachable server must not hide what was healed.
      healed.forEach(h -> out.println("healed " + h));
      out.flush();
    }
    JsonNode answer = Server.client(spec).adminSend("POST", ChaosPaths.HALT, null);
    if (!output.printedAsJson(out, answer)) {
      out.println("halted " + Json.text(answer, "halted", "0") + " activation(s)");
      out.flush();
    }
    if (labFailure != null) {
      ctx.err()
          .println(
              "error: the lab's container anomalies were not healed: " + labFailure.getMessage());
      ctx.err().flush();
      return labFailure instanceof CliException cli ? cli.exitCode() : ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }
}
