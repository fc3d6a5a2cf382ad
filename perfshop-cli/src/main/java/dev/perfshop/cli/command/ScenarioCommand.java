package dev.perfshop.cli.command;

import picocli.CommandLine.Command;

/** {@code perfshop scenario …}: validate, inspect and run scenario files (docs/scenarios.md). */
@Command(
    name = "scenario",
    description = "Validate, list, show, run and replay chaos scenarios.",
    subcommands = {
      ScenarioListCommand.class,
      ScenarioShowCommand.class,
      ScenarioValidateCommand.class,
      ScenarioRunCommand.class,
      ScenarioReplayCommand.class,
      ScenarioReportCommand.class
    })
public final class ScenarioCommand extends Parent {}
