package dev.perfshop.cli.command;

import static dev.perfshop.cli.http.Json.text;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.lab.ContainerChaos;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "list", description = "List the chaos types the server offers.")
final class ChaosListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode catalog = Server.client(spec).adminGet(ChaosPaths.CATALOG);
    CliContext ctx = CliContext.of(spec);
    if (output.printedAsJson(ctx.out(), catalog)) {
      return ExitCodes.OK;
    }
    Table table = new Table("type", "family", "levels", "dangerous", "description");
    for (JsonNode c : catalog) {
      String levels =
          StreamSupport.stream(c.path("levels").spliterator(), false)
              .map(l -> text(l, "level"))
              .collect(Collectors.joining(","));
      table.row(
          text(c, "type"),
          text(c, "family"),
          levels,
          c.path("dangerous").asBoolean(false) ? "yes" : "no",
          text(c, "description"));
    }
    // Container anomalies act on the Docker lab through the CLI (the server cannot kill its own
    // database): listed here so the whole catalogue is in one place.
    for (ContainerChaos.Type t : ContainerChaos.Type.values()) {
      table.row(t.id(), t.family(), "1,2,3,4,5", "no", t.description() + " (lab, --service)");
    }
    table.print(ctx.out());
    return ExitCodes.OK;
  }
}
