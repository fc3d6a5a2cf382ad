package dev.perfshop.cli.command;

import static dev.perfshop.cli.http.Json.text;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.lab.ContainerChaos;
import dev.perfshop.cli.output.Durations;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "status", description = "Show the active chaos and the safety mode.")
final class ChaosStatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode status = Server.client(spec).adminGet(ChaosPaths.BASE);
    PrintWriter out = CliContext.of(spec).out();
    if (output.printedAsJson(out, status)) {
      return ExitCodes.OK;
    }
    out.println("safety mode: " + text(status, "safetyMode", "-"));
    printContainerAnomalies(out);
    JsonNode activations = status.path("activations");
    if (activations.isEmpty()) {
      out.println("no chaos active on the server");
      out.flush();
      return ExitCodes.OK;
    }
    Table table =
        new Table(
            "type", "family", "level", "rate", "routes", "scope", "expires in", "scenario", "by");
    for (JsonNode a : activations) {
      table.row(
          text(a, "type"),
          text(a, "family"),
          text(a, "level"),
          ActivationText.rate(a).isEmpty() ? "-" : ActivationText.rate(a),
          ActivationText.routes(a),
          ActivationText.scope(a),
          Durations.human(a.path("remainingSeconds").asLong(-1)),
          text(a, "scenarioId", "-"),
          text(a, "activatedBy", "-"));
    }
    table.print(out);
    return ExitCodes.OK;
  }

  /**
   * The lab's container anomalies, when the CLI uses a Docker lab that has some (no Docker call
   * otherwise).
   */
  private void printContainerAnomalies(PrintWriter out) {
    var ws = new LabChaos().workspace(spec);
    if (ws.isEmpty()) {
      return;
    }
    var active =
        LabChaos.with(spec, ws.get(), c -> c.any() ? c.active() : List.<ContainerChaos.Active>of());
    if (active.isEmpty()) {
      return;
    }
    Table table = new Table("container anomaly", "service", "level", "since", "state now");
    for (var a : active) {
      table.row(
          a.type().id(), a.service(), Integer.toString(a.level()), a.since().toString(), a.state());
    }
    table.print(out);
  }
}
