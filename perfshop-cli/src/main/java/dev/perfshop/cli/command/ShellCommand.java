package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.PerfShopCli;
import dev.perfshop.cli.shell.InteractiveShell;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "shell",
    description = {
      "Interactive shell with completion (Tab) and history.",
      "Type commands without the 'perfshop' prefix; Ctrl-C cancels the line,",
      "Ctrl-D or 'exit' quits.",
      "Connection flags given here (--url, --admin-token-file) apply to every line."
    })
public final class ShellCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext ctx = CliContext.of(spec);
    if (ctx.interactive()) {
      throw new CliException(ExitCodes.USAGE, "already in the perfshop shell");
    }
    PerfShopCli root = (PerfShopCli) spec.root().userObject();
    return new InteractiveShell(spec.root().commandLine(), ctx, root.overrides()).run();
  }
}
