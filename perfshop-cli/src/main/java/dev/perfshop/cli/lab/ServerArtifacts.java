package dev.perfshop.cli.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server jar and the agent jars of the server image (variant linux) or of {@code --embedded}.
 * Found from flags, else in a PerfShop checkout at or above the working directory ({@code
 * perfshop-server/target/perfshop-server.jar}, {@code perfshop-cli/target/lab-agents/}).
 */
public record ServerArtifacts(Path jar, List<Path> agents) {

  public static Optional<ServerArtifacts> find(Path workingDir, Path jarFlag, Path agentsFlag) {
    Path jar = jarFlag;
    Path agents = agentsFlag;
    if (jar == null || agents == null) {
      for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("perfshop-server/target/perfshop-server.jar");
        if (Files.isRegularFile(candidate)) {
          if (jar == null) {
            jar = candidate;
          }
          if (agents == null) {
            agents = dir.resolve("perfshop-cli/target/lab-agents");
          }
          break;
        }
      }
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
    return Optional.of(new ServerArtifacts(jar, agentJars));
  }
}
