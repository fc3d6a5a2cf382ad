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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "status", description = "Show the active chaos and the safety mode.")
final class ChaosStatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode status = Server.client(spec).adminGet(ChaosPaths.BASE);
    List<ContainerChaos.Active> containers = containerAnomalies();
    PrintWriter out = CliContext.of(spec).out();
    if (!containers.isEmpty() && status instanceof ObjectNode object) {
      // The server's answer, plus what the CLI did to the lab's containers.
      ArrayNode list = object.putArray("containerAnomalies");
      for (var a : containers) {
        list.addObject()
            .put("type", a.type().id())
            .put("service", a.service())
            .put("level", a.level())
            .put("since", a.since().toString())
            .put("state", a.state());
      }
    }
    if (output.printedAsJson(out, status)) {
      return ExitCodes.OK;
    }
    out.println("safety mode: " + text(status, "safetyMode", "-"));
    if (!containers.isEmpty()) {
      Table table = new Table("container anomaly", "service", "level", "since", "state now");
      for (var a : containers) {
        table.row(
            a.type().id(),
            a.service(),
            Integer.toString(a.level()),
            a.since().toString(),
            a.state());
      }
      table.print(out);
    }
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
  private List<ContainerChaos.Active> containerAnomalies() {
    var ws = new LabChaos().workspace(spec);
    if (ws.isEmpty()) {
      return List.of();
    }
    return LabChaos.with(
        spec, ws.get(), c -> c.any() ? c.active() : List.<ContainerChaos.Active>of());
  }
}
