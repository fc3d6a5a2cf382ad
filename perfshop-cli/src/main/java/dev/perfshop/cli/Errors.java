package dev.perfshop.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become text and exit codes: {@code error: <message>} on stderr, hint
 * lines under it, a stack trace only with {@code --verbose}.
 */
final class Errors
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  private final PerfShopCli root;

  Errors(PerfShopCli root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliException cli) {
      err.println("error: " + cli.getMessage());
      cli.hints().forEach(h -> err.println("  " + h));
      trace(err, e);
      err.flush();
      return cli.exitCode();
    }
    err.println("error: unexpected failure: " + e);
    if (!root.verbose()) {
      err.println("  run again with --verbose for the stack trace");
    }
    trace(err, e);
    err.flush();
    return ExitCodes.FAILURE;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      err.println(
          "error: "
              + (arg.startsWith("-") ? "unknown option" : "unexpected argument")
              + " '"
              + arg
              + "'");
    } else {
      err.println("error: " + e.getMessage());
    }
    if (!UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("  see '" + cmd.getCommandSpec().qualifiedName() + " --help' for the usage");
    }
    trace(err, e);
    err.flush();
    return ExitCodes.USAGE;
  }

  private void trace(PrintWriter err, Throwable e) {
    if (root.verbose()) {
      e.printStackTrace(err);
    }
  }
}
