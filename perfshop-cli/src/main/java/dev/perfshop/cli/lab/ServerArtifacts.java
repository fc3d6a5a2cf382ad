package dev.perfshop.cli.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server jar and the agent jars of the server image (variant linux) or of {@code --embedded},
 * and the CLI jar (its {@code lib/} beside it) of the monitor image. Found from flags, else in a
 * PerfShop checkout at or above the working directory ({@code
 * perfshop-server/target/perfshop-server.jar}, {@code perfshop-cli/target/lab-agents/}, {@code
 * perfshop-cli/target/perfshop-cli.jar}); the CLI jar also where this CLI runs from. {@code cliJar}
 * is null when none is found.
 */
public record ServerArtifacts(Path jar, List<Path> agents, Path cliJar) {

  public static Optional<ServerArtifacts> find(Path workingDir, Path jarFlag, Path agentsFlag) {
    return find(workingDir, jarFlag, agentsFlag, null);
  }

  public static Optional<ServerArtifacts> find(
      Path workingDir, Path jarFlag, Path agentsFlag, Path cliJarFlag) {
    Path jar = jarFlag;
    Path agents = agentsFlag;
    Path running = runningCliJar();
    Path cliJar = cliJarFlag != null ? cliJarFlag : running;
    // The checkout: at or above the working directory, else the one this CLI runs from
    // (perfshop-cli/target/perfshop-cli.jar), so ./perfshop lab up works from any folder.
    List<Path> roots = new java.util.ArrayList<>();
    for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      roots.add(dir);
    }
    if (running != null
        && running.getParent().getParent() != null
        && running.getParent().getParent().getParent() != null) {
      roots.add(running.getParent().getParent().getParent());
    }
    if (jar == null || agents == null || cliJar == null) {
      for (Path dir : roots) {
        Path candidate = dir.resolve("perfshop-server/target/perfshop-server.jar");
        if (Files.isRegularFile(candidate)) {
          if (jar == null) {
            jar = candidate;
          }
          if (agents == null) {
            agents = dir.resolve("perfshop-cli/target/lab-agents");
          }
          if (cliJar == null) {
            cliJar = dir.resolve("perfshop-cli/target/perfshop-cli.jar");
          }
          break;
        }
      }
    }
    if (cliJar != null && !Files.isRegularFile(cliJar)) {
      cliJar = null;
    }
    if (jar == null || !Files.isRegularFile(jar)) {
      return Optional.empty();
    }
    List<Path> agentJars = List.of();
    if (agents != null && Files.isDirectory(agents)) {
      try (var s = Files.list(agents)) {
        agentJars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.of(new ServerArtifacts(jar, agentJars, cliJar));
  }

  /** The jar this CLI runs from, when it runs from one with its {@code lib/} beside it. */
  static Path runningCliJar() {
    try {
      var source = ServerArtifacts.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path p = Path.of(source.getLocation().toURI());
      return p.toString().endsWith(".jar") && Files.isDirectory(p.resolveSibling("lib")) ? p : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
