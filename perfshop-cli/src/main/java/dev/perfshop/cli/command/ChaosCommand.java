package dev.perfshop.cli.command;

import dev.perfshop.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code perfshop chaos …}: the chaos admin API (docs/api.md). */
@Command(name = "chaos", description = "List, enable, disable and halt chaos on the server.")
public final class ChaosCommand extends Parent implements CommandGroup {

  @Override
  public List<Class<?>> subcommands() {
    return List.of(
        ChaosListCommand.class,
        ChaosStatusCommand.class,
        ChaosEnableCommand.class,
        ChaosDisableCommand.class,
        ChaosHaltCommand.class,
        ChaosAuditCommand.class);
  }
}
