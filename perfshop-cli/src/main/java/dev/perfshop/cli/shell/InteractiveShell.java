package dev.perfshop.cli.shell;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.config.AdminToken;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.config.Overrides;
import dev.perfshop.cli.config.Resolved;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;

/**
 * {@code perfshop shell}: reads lines with jline and runs each through the same {@link
 * CommandLine}. A failing command prints its error and the shell goes on; Ctrl-C cancels the line
 * being typed (or interrupts the running request); Ctrl-D, {@code exit} or {@code quit} leaves.
 */
public final class InteractiveShell {

  private static final String PROMPT = "perfshop> ";
  private final CommandLine cli;
  private final CliContext ctx;
  private final Overrides sessionFlags;

  public InteractiveShell(CommandLine cli, CliContext ctx, Overrides sessionFlags) {
    this.cli = cli;
    this.ctx = ctx;
    this.sessionFlags = sessionFlags;
  }

  public int run() {
    ctx.sessionOverrides(sessionFlags);
    ctx.interactive(true);
    ConfigResolver resolver = new ConfigResolver(ctx);
    Path historyFile = resolver.userConfigFile().getParent().resolve("history");
    try (Terminal terminal = TerminalBuilder.builder().name("perfshop").system(true).build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("perfshop")
              .completer(new PicocliCompleter(cli))
              .parser(new DefaultParser())
              .history(new SecretFreeHistory(tokenMatcher(resolver)))
              .variable(LineReader.HISTORY_FILE, historyFile)
              .variable(LineReader.HISTORY_SIZE, 1000)
              .build();
      PrintWriter out = ctx.out();
      out.println("perfshop shell: Tab completes, 'help' lists commands, Ctrl-D or 'exit' quits.");
      out.flush();
      loop(reader, terminal);
      reader.getHistory().save();
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ctx.interactive(false);
      ctx.sessionOverrides(Overrides.NONE);
    }
  }

  private void loop(LineReader reader, Terminal terminal) {
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C: drop the line, new prompt
      } catch (EndOfFileException e) {
        return; // Ctrl-D
      }
      List<String> words =
          reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
      if (words.isEmpty()) {
        continue;
      }
      if (words.size() == 1 && (words.get(0).equals("exit") || words.get(0).equals("quit"))) {
        return;
      }
      execute(words, terminal);
    }
  }

  private void execute(List<String> words, Terminal terminal) {
    Thread worker = Thread.currentThread();
    Terminal.SignalHandler previous =
        terminal.handle(Terminal.Signal.INT, signal -> worker.interrupt());
    try {
      cli.execute(words.toArray(String[]::new));
    } catch (RuntimeException e) {
      ctx.err().println("error: " + e.getMessage());
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      Thread.interrupted(); // a late Ctrl-C must not cancel the next line
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  private Predicate<String> tokenMatcher(ConfigResolver resolver) {
    try {
      Resolved<AdminToken> token = resolver.adminToken(Overrides.NONE);
      if (token.present()) {
        String value = token.value().value();
        return line -> line.contains(value);
      }
    } catch (RuntimeException e) {
      // an unusable token cannot leak; the commands will report it
    }
    return line -> false;
  }
}
