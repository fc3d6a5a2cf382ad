package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: without one, it shows its usage (a usage error). */
abstract class Parent implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext ctx = CliContext.of(spec);
    ctx.err().println("error: missing subcommand");
    spec.commandLine().usage(ctx.err());
    ctx.err().flush();
    return ExitCodes.USAGE;
  }
}
