package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.scenario.ScenarioException;
import dev.perfshop.scenario.ScenarioParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    description = "Check scenario files; every error is printed as file:line:column: message.")
final class ScenarioValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario YAML files.")
  List<Path> files;

  @Override
  public Integer call() {
    CliContext ctx = CliContext.of(spec);
    PrintWriter out = ctx.out();
    PrintWriter err = ctx.err();
    ScenarioParser parser = new ScenarioParser();
    int invalid = 0;
    for (Path f : files) {
      try {
        var s = parser.parse(f);
        out.println(f + ": ok (" + s.id() + ", " + s.level() + ", " + s.steps().size() + " steps)");
      } catch (ScenarioException e) {
        invalid++;
        e.errors().forEach(x -> err.println("error: " + x));
      }
    }
    out.flush();
    err.flush();
    return invalid == 0 ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
