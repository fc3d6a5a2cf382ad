package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the real Docker Compose: the v2 plugin ({@code docker compose}) when present, else the
 * standalone v1 ({@code docker-compose}); the templates work with both. {@code PERFSHOP_COMPOSE}
 * forces one ({@code "docker compose"} or {@code "docker-compose"}).
 */
public final class Compose {

  private final List<String> command;

  private Compose(List<String> command) {
    this.command = List.copyOf(command);
  }

  /** The command, e.g. {@code [docker, compose]}. */
  public List<String> command() {
    return command;
  }

  public static Compose of(List<String> command) {
    return new Compose(command);
  }

  public static Compose detect(String forced) {
    if (forced != null && !forced.isBlank()) {
      return new Compose(List.of(forced.trim().split("\\s+")));
    }
    if (quiet(List.of("docker", "compose", "version")) == 0) {
      return new Compose(List.of("docker", "compose"));
    }
    if (quiet(List.of("docker-compose", "version")) == 0) {
      return new Compose(List.of("docker-compose"));
    }
    if (!onPath("docker") && !onPath("docker-compose")) {
      throw new LabException(
          ExitCodes.DOCKER,
          "Docker is not installed (neither docker nor docker-compose is on the PATH)",
          "install Docker Desktop (laptop) or Docker Engine with the compose plugin (Linux)",
          "no Docker at all? perfshop lab up --embedded");
    }
    throw new LabException(
        ExitCodes.DOCKER,
        "Docker Compose is not installed (no 'docker compose' plugin, no 'docker-compose')",
        "install the docker-compose-plugin package (or docker-compose)");
  }

  /** True when {@code command} is an executable in a folder of the PATH. */
  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a command with its output discarded; its exit code, or -1 when it cannot run. */
  static int quiet(List<String> cmd) {
    return quiet(cmd, 30);
  }

  static int quiet(List<String> cmd, int timeoutSeconds) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The full command line for {@code args} on a workspace with the given compose files. */
  public List<String> line(Path dir, String project, List<String> files, List<String> args) {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(
        List.of(
            "--project-name",
            project,
            "--project-directory",
            dir.toString(),
            "--env-file",
            dir.resolve(".env").toString()));
    for (String f : files) {
      cmd.add("--file");
      cmd.add(dir.resolve(f).toString());
    }
    cmd.addAll(args);
    return cmd;
  }

  /** Runs a command in {@code dir}, each output line to {@code sink}; returns the exit code. */
  public static int run(List<String> cmd, Path dir, Consumer<String> sink) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().remove("COMPOSE_FILE");
      pb.environment().remove("COMPOSE_PROJECT_NAME");
      // Compose v1 gives up on a slow engine after 60 s (vfs storage copies whole images).
      pb.environment().putIfAbsent("COMPOSE_HTTP_TIMEOUT", "600");
      Process p = pb.start();
      p.getOutputStream().close();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          sink.accept(line);
        }
      }
      return p.waitFor();
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.DOCKER, "cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException(ExitCodes.FAILURE, "interrupted while running " + cmd.get(0), e);
    }
  }
}
