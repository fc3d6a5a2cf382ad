package dev.perfshop.cli;

import dev.perfshop.cli.config.Overrides;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command may see of the outside world: environment, working and home directories, and the
 * output writers. Built once per process by {@link PerfShopCli#main} and by tests with their own
 * values, so that no command reads global state.
 */
public final class CliContext {

  private final Map<String, String> env;
  private final Path workingDir;
  private final Path home;
  private final PrintWriter out;
  private final PrintWriter err;
  private Overrides sessionOverrides = Overrides.NONE;
  private boolean interactive;

  public CliContext(
      Map<String, String> env, Path workingDir, Path home, PrintWriter out, PrintWriter err) {
    this.env = Map.copyOf(env);
    this.workingDir = workingDir.toAbsolutePath().normalize();
    this.home = home.toAbsolutePath().normalize();
    this.out = out;
    this.err = err;
  }

  /** The real process environment. */
  public static CliContext system(PrintWriter out, PrintWriter err) {
    return new CliContext(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")),
        out,
        err);
  }

  /** The context of the command tree a command or mixin belongs to. */
  public static CliContext of(CommandSpec spec) {
    return ((PerfShopCli) spec.root().userObject()).context();
  }

  public String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  public Path workingDir() {
    return workingDir;
  }

  public Path home() {
    return home;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /** Connection flags given when the interactive shell started; they act as flags for its lines. */
  public Overrides sessionOverrides() {
    return sessionOverrides;
  }

  public void sessionOverrides(Overrides overrides) {
    this.sessionOverrides = overrides;
  }

  public boolean interactive() {
    return interactive;
  }

  public void interactive(boolean interactive) {
    this.interactive = interactive;
  }
}
