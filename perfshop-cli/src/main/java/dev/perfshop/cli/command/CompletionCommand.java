package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Print a shell completion script.",
      "  bash: source <(perfshop completion bash)",
      "  zsh:  source <(perfshop completion zsh)   (uses zsh's bashcompinit)",
      "Chaos types are completed from the server's catalogue when it is reachable."
    })
public final class CompletionCommand implements Callable<Integer> {

  /** Shells with a completion script. */
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
  Shell shell;

  @Override
  public Integer call() {
    CliContext ctx = CliContext.of(spec);
    // picocli's script serves both: it switches zsh to bashcompinit by itself.
    String script = AutoComplete.bash("perfshop", spec.root().commandLine());
    ctx.out().print(script);
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
