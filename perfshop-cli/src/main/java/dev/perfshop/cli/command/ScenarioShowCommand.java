package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.scenario.ScenarioPlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show a scenario: goal, timeline and enigmas.")
final class ScenarioShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A file, or a shipped id/path.")
  String ref;

  @Option(names = "--answers", description = "Also print the answers (instructors only).")
  boolean answers;

  @Override
  public Integer call() {
    ScenarioFiles.Loaded loaded = ScenarioFiles.load(ref);
    var s = loaded.scenario();
    PrintWriter out = CliContext.of(spec).out();
    if (output.json()) {
      var node = Json.mapper().valueToTree(s);
      if (!answers) {
        for (var enigma : node.path("enigmas")) {
          ((tools.jackson.databind.node.ObjectNode) enigma).remove("answer");
        }
      }
      output.printedAsJson(out, node);
      return ExitCodes.OK;
    }
    out.println(s.title() + "  (" + s.id() + ", " + s.level() + ", " + s.duration() + ")");
    out.println("families: " + String.join(", ", s.families()));
    out.println();
    out.println(s.summary().strip());
    out.println();
    ScenarioPlan plan = ScenarioPlan.of(s, null, 1);
    out.println("Timeline:");
    for (var p : plan.steps()) {
      out.printf(
          "  %8s  %s%n",
          dev.perfshop.scenario.Durations.format(p.at()), ScenarioPlan.describe(p.step(), plan));
    }
    if (!s.enigmas().isEmpty()) {
      out.println();
      out.println("Enigmas:");
      for (var e : s.enigmas()) {
        out.println("  " + e.id() + ": " + e.question() + " (" + e.hints().size() + " hints)");
        if (answers) {
          out.println("      answer: " + Json.compact(Json.mapper().valueToTree(e.answer())));
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
