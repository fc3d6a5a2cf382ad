package dev.perfshop.cli.command;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioException;
import dev.perfshop.scenario.ScenarioLibrary;
import dev.perfshop.scenario.ScenarioParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a scenario from what the user typed: a file path, or a shipped scenario by path ({@code
 * bac1/slow-catalog.yaml}) or id ({@code slow-catalog}).
 */
final class ScenarioFiles {

  /** A loaded scenario and the name it is reported under. */
  record Loaded(String name, Scenario scenario) {}

  private ScenarioFiles() {}

  static Loaded load(String ref) {
    Path file = Path.of(ref);
    if (Files.isRegularFile(file)) {
      return new Loaded(ref, parse(() -> new ScenarioParser().parse(file)));
    }
    for (ScenarioLibrary.Entry e : ScenarioLibrary.shipped()) {
      if (e.path().equals(ref) || e.scenario().id().equals(ref)) {
        return new Loaded(e.path(), e.scenario());
      }
    }
    throw CliException.usage(
        "no scenario file or shipped scenario named '" + ref + "' (see `perfshop scenario list`)");
  }

  static Scenario parse(java.util.function.Supplier<Scenario> parse) {
    try {
      return parse.get();
    } catch (ScenarioException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "invalid scenario:\n" + e.getMessage(),
          List.of(
              "the format is documented in docs/scenarios.md and scenarios/scenario.schema.json"),
          e);
    }
  }
}
