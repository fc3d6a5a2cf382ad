package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import dev.perfshop.scenario.ScenarioLibrary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "list", description = "List the shipped scenarios (BAC1 to BAC5).")
final class ScenarioListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(names = "--level", paramLabel = "BACn", description = "Only this level.")
  String level;

  @Override
  public Integer call() {
    PrintWriter out = CliContext.of(spec).out();
    ArrayNode json = Json.mapper().createArrayNode();
    Table table = new Table("LEVEL", "ID", "DURATION", "FAMILIES", "TITLE");
    for (ScenarioLibrary.Entry e : ScenarioLibrary.shipped()) {
      var s = e.scenario();
      if (level != null && !s.level().name().equalsIgnoreCase(level)) {
        continue;
      }
      table.row(s.level(), s.id(), s.duration(), String.join(",", s.families()), s.title());
      var node = json.addObject();
      node.put("path", e.path());
      node.put("id", s.id());
      node.put("level", s.level().name());
      node.put("title", s.title());
      node.put("duration", s.duration());
      s.families().forEach(node.putArray("families")::add);
    }
    if (!output.printedAsJson(out, json)) {
      table.print(out);
      out.flush();
    }
    return ExitCodes.OK;
  }
}
