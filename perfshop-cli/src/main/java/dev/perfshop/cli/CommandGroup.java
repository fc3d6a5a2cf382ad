package dev.perfshop.cli;

import java.util.List;

/**
 * A command whose subcommands are added by {@link PerfShopCli} rather than listed in its
 * {@code @Command} annotation, so that a command line builds only the subcommand it runs (picocli
 * reflects over every command class it is given: start-up time).
 */
public interface CommandGroup {

  /** The subcommands, in help order. */
  List<Class<?>> subcommands();
}
