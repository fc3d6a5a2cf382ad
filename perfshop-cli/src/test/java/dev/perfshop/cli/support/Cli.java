package dev.perfshop.cli.support;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.PerfShopCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real {@code perfshop} command tree in-process with captured output, a chosen environment
 * and working directory, and a private home (so no user config leaks in).
 */
public final class Cli {

  private final Map<String, String> env = new HashMap<>();
  private Path workingDir;
  private final Path home;

  public Cli(Path tempDir) {
    try {
      this.home = Files.createDirectories(tempDir.resolve("home"));
      this.workingDir = Files.createDirectories(tempDir.resolve("work"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CLI pointed at the real server with its admin token file, through the environment. */
  public static Cli against(ServerProcess server, Path tempDir) {
    return new Cli(tempDir)
        .env("PERFSHOP_URL", server.url())
        .env("PERFSHOP_ADMIN_TOKEN_FILE", server.tokenFile().toString());
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public Cli workingDir(Path dir) {
    this.workingDir = dir;
    return this;
  }

  public Path home() {
    return home;
  }

  public Path workingDir() {
    return workingDir;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            env, workingDir, home, new PrintWriter(out, true), new PrintWriter(err, true));
    int code = PerfShopCli.run(ctx, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** True when the command tree has this command path (e.g. "license", "keygen"). */
  public boolean hasCommand(String... path) {
    picocli.CommandLine command =
        PerfShopCli.commandLine(
            new CliContext(
                env,
                workingDir,
                home,
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
    for (String name : path) {
      command = command.getSubcommands().get(name);
      if (command == null) {
        return false;
      }
    }
    return true;
  }

  /** Exit code and captured output of one run. */
  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }
}
