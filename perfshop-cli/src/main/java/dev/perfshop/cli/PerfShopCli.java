package dev.perfshop.cli;

import dev.perfshop.cli.command.ChaosCommand;
import dev.perfshop.cli.command.CompletionCommand;
import dev.perfshop.cli.command.ConfigCommand;
import dev.perfshop.cli.command.LicenseCommand;
import dev.perfshop.cli.command.ScenarioCommand;
import dev.perfshop.cli.command.SessionCommand;
import dev.perfshop.cli.command.ShellCommand;
import dev.perfshop.cli.command.TrafficCommand;
import dev.perfshop.cli.config.Overrides;
import dev.perfshop.cli.lab.LabCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Root of the {@code perfshop} command tree. {@link #run(CliContext, String...)} parses and runs
 * one command line and returns its exit code; {@link #main} is the only caller of {@code
 * System.exit}. The connection options are inherited by every subcommand.
 */
@Command(
    name = "perfshop",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = PerfShopCli.Version.class,
    description = "Drive a PerfShop chaos-engineering lab.",
    synopsisSubcommandLabel = "COMMAND")
public final class PerfShopCli implements Runnable {

  /**
   * The subcommands, in help order. Added programmatically so that a command line builds only the
   * branch it runs (picocli reflects over every class it is given: start-up time).
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ChaosCommand.class,
          ScenarioCommand.class,
          TrafficCommand.class,
          LabCommand.class,
          SessionCommand.class,
          LicenseCommand.class,
          ConfigCommand.class,
          CompletionCommand.class,
          ShellCommand.class,
          CommandLine.HelpCommand.class);

  /** Subcommands that need the whole tree (they walk or reuse it). */
  private static final Set<Class<?>> NEED_WHOLE_TREE =
      Set.of(CompletionCommand.class, ShellCommand.class, CommandLine.HelpCommand.class);

  /** Root options that take a value (to find the subcommand word of a command line). */
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of("--url", "--admin-token-file", "--admin-token");

  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "PerfShop server URL (else PERFSHOP_URL, config file, lab workspace).")
  String url;

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "File holding the admin token (else PERFSHOP_ADMIN_TOKEN, config, lab).")
  Path adminTokenFile;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      scope = ScopeType.INHERIT,
      description = "Admin token value; lands in shell history, prefer --admin-token-file.")
  String adminToken;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final CliContext context;

  public PerfShopCli(CliContext context) {
    this.context = context;
  }

  public CliContext context() {
    return context;
  }

  /** The connection flags of the command line being run. */
  public Overrides overrides() {
    return new Overrides(url, adminTokenFile, adminToken);
  }

  boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  /** Parses and runs {@code args} in the real environment, printing to the given writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(CliContext.system(out, err), args);
  }

  /** Parses and runs {@code args}; returns the exit code (see {@link ExitCodes}). */
  public static int run(CliContext context, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // What picocli would print, without reflecting over the command tree first (start-up time).
      for (String line : new Version().getVersion()) {
        context.out().println(line);
      }
      context.out().flush();
      return ExitCodes.OK;
    }
    return commandLine(context, branch(args), args).execute(args);
  }

  /** The whole command tree bound to {@code context}; the shell reuses it line after line. */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, SUBCOMMANDS);
  }

  private static CommandLine commandLine(CliContext context, List<Class<?>> subcommands) {
    return commandLine(context, subcommands, new String[0]);
  }

  /**
   * The subcommands {@code args} needs: the one it names, none for {@code --version}, all for help,
   * completion, the shell or an unknown word (whose error suggests the right one).
   */
  static List<Class<?>> branch(String... args) {
    return branch(SUBCOMMANDS, true, args);
  }

  /**
   * The children of a {@link CommandGroup} that {@code args} needs: the one named by the word after
   * the group's own word, else all of them.
   */
  static List<Class<?>> children(CommandGroup group, String... args) {
    int word = nextWord(args, 0);
    if (word < 0) {
      return group.subcommands();
    }
    return branch(group.subcommands(), false, Arrays.copyOfRange(args, word + 1, args.length));
  }

  private static int nextWord(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return -1;
      }
      if (OPTIONS_WITH_VALUE.contains(a)) {
        i++;
        continue;
      }
      if (!a.startsWith("-")) {
        return i;
      }
    }
    return -1;
  }

  private static List<Class<?>> branch(List<Class<?>> candidates, boolean root, String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      if (OPTIONS_WITH_VALUE.contains(a)) {
        i++;
        continue;
      }
      if (a.startsWith("-")) {
        if (a.equals("-h") || a.equals("--help")) {
          return candidates;
        }
        continue;
      }
      for (Class<?> c : candidates) {
        Command command = c.getAnnotation(Command.class);
        if (command.name().equals(a) || Arrays.asList(command.aliases()).contains(a)) {
          return NEED_WHOLE_TREE.contains(c) ? candidates : List.of(c);
        }
      }
      return candidates;
    }
    return args.length == 0 || !root ? candidates : List.of();
  }

  private static CommandLine commandLine(
      CliContext context, List<Class<?>> subcommands, String[] args) {
    PerfShopCli root = new PerfShopCli(context);
    CliFactory factory = new CliFactory(root);
    CommandLine cli = new CommandLine(root, factory);
    boolean whole = subcommands.size() > 1;
    for (Class<?> c : subcommands) {
      Object command = create(factory, c);
      CommandLine sub = new CommandLine(command, factory);
      if (command instanceof CommandGroup group) {
        for (Class<?> child : whole ? group.subcommands() : children(group, args)) {
          sub.addSubcommand(new CommandLine(create(factory, child), factory));
        }
      }
      cli.addSubcommand(sub);
    }
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.getCommandSpec().usageMessage().footer(ExitCodes.table());
    cli.setExecutionStrategy(new Execution(root));
    cli.setExecutionExceptionHandler(new Errors(root));
    cli.setParameterExceptionHandler(new Errors(root));
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    cli.getCommandSpec().exitCodeOnExecutionException(ExitCodes.FAILURE);
    return cli;
  }

  private static Object create(CliFactory factory, Class<?> c) {
    try {
      return factory.create(c);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create " + c.getName(), e);
    }
  }

  public static void main(String[] args) {
    // picocli's default factory looks for Groovy's Closure class once: a miss that opens every jar
    // of the class path to search it (about 30 ms of a short command's start). No Groovy here.
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code =
        args.length == 1 && CdsTraining.FLAG.equals(args[0])
            ? CdsTraining.run()
            : run(out, err, args);
    out.flush();
    err.flush();
    if (code == ExitCodes.OK && onlyDaemonThreadsLeft()) {
      // The JVM ends with status 0 when main returns, shutdown hooks included. System.exit would
      // first look up a platform logger to log the exit, which scans every jar of the class path
      // for a logger service: a large share of a short command's run time.
      return;
    }
    System.exit(code);
  }

  private static boolean onlyDaemonThreadsLeft() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    if (n == threads.length) {
      return false; // more threads than counted: do not guess
    }
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t != Thread.currentThread() && t.isAlive() && !t.isDaemon()) {
        return false;
      }
    }
    return true;
  }

  /** Runs the last command of the line, after warning about a token typed on the command line. */
  private record Execution(PerfShopCli root) implements CommandLine.IExecutionStrategy {
    @Override
    public int execute(CommandLine.ParseResult parseResult) {
      if (root.adminToken != null) {
        root.context
            .err()
            .println(
                root.context.interactive()
                    ? "note: this line is kept out of the shell's history (it holds a token)"
                    : "warning: --admin-token puts the token in your shell history;"
                        + " prefer --admin-token-file or PERFSHOP_ADMIN_TOKEN");
        root.context.err().flush();
      }
      return new CommandLine.RunLast().execute(parseResult);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = PerfShopCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {
        "perfshop " + p.getProperty("version", "unknown"),
        // the property, not Runtime.version(): its toString streams and joins (start-up time)
        "Java "
            + System.getProperty("java.runtime.version", System.getProperty("java.version"))
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
