package dev.perfshop.cli.command;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.scenario.Journal;
import dev.perfshop.cli.scenario.JournalFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "replay",
    description =
        "Run again the scenario of a journal, with the same seed (and time scale unless given).")
final class ScenarioReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "JOURNAL",
      description = "A journal written by `scenario run`.")
  Path journal;

  @Option(
      names = "--time-scale",
      paramLabel = "N",
      description = "Override the journal's time scale.")
  Double timeScale;

  @Option(names = "--journal", paramLabel = "FILE", description = "Journal path of the replay.")
  Path out;

  @Mixin ScenarioTargets targets;

  @Override
  public Integer call() {
    Journal.Document d;
    try {
      d = JournalFiles.readJson(journal);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    if (!Journal.FORMAT.equals(d.format())) {
      throw new CliException(ExitCodes.USAGE, journal + " is not a " + Journal.FORMAT + " journal");
    }
    ScenarioFiles.Loaded loaded = ScenarioFiles.load(d.scenarioFile());
    if (!loaded.scenario().id().equals(d.scenarioId())) {
      throw new CliException(
          ExitCodes.USAGE,
          d.scenarioFile()
              + " is now scenario '"
              + loaded.scenario().id()
              + "', the journal ran '"
              + d.scenarioId()
              + "'");
    }
    return ScenarioRunCommand.execute(
        spec,
        loaded,
        d.seed(),
        timeScale != null ? timeScale : d.timeScale(),
        false,
        out,
        targets,
        false);
  }
}
