package dev.perfshop.cli.command;

import picocli.CommandLine.Command;

/** {@code perfshop config …}: where the server URL and admin token come from. */
@Command(
    name = "config",
    description = "Show and change the CLI configuration (server URL, admin token file).",
    subcommands = {
      ConfigShowCommand.class,
      ConfigSetCommand.class,
      ConfigUnsetCommand.class,
      ConfigCheckCommand.class
    })
public final class ConfigCommand extends Parent {}
