package dev.perfshop.cli.command;

import picocli.CommandLine.Command;

/** {@code perfshop chaos …}: the chaos admin API (docs/api.md). */
@Command(
    name = "chaos",
    description = "List, enable, disable and halt chaos on the server.",
    subcommands = {
      ChaosListCommand.class,
      ChaosStatusCommand.class,
      ChaosEnableCommand.class,
      ChaosDisableCommand.class,
      ChaosHaltCommand.class,
      ChaosAuditCommand.class
    })
public final class ChaosCommand extends Parent {}
