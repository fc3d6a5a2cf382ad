package dev.perfshop.cli.lab;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Apache JMeter installation the qa profile's {@code jmeter} image is built from: {@code
 * bin/ApacheJMeter.jar} (the launcher, which takes its parent's parent as JMeter's home) with the
 * {@code bin/} configuration files, the dependencies in {@code lib/} and the JMeter components and
 * the Prometheus listener in {@code lib/ext/}. The Maven build resolves it from Maven Central
 * (module {@code lab-jmeter}) into {@code perfshop-cli/target/lab-jmeter}; it is found, like the
 * server jar, in a PerfShop checkout at or above the working directory. It is not in the CLI jar
 * (about 70 MB).
 */
public record JmeterRuntime(Path dir) {

  /** Where the Maven build puts it, relative to a checkout. */
  static final String CHECKOUT_PATH = "perfshop-cli/target/lab-jmeter";

  /** The launcher: its presence marks a complete runtime. */
  static final String LAUNCHER = "bin/ApacheJMeter.jar";

  /** The folder of the jmeter build context the Dockerfile copies to /opt/jmeter. */
  static final String CONTEXT_FOLDER = "runtime";

  public static Optional<JmeterRuntime> find(Path workingDir) {
    for (Path d = workingDir.toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(CHECKOUT_PATH);
      if (Files.isRegularFile(candidate.resolve(LAUNCHER))) {
        return Optional.of(new JmeterRuntime(candidate));
      }
    }
    // Beside the jar this CLI runs from (perfshop-cli/target/), from any working directory.
    Path running = ServerArtifacts.runningCliJar();
    if (running != null
        && Files.isRegularFile(running.resolveSibling("lab-jmeter").resolve(LAUNCHER))) {
      return Optional.of(new JmeterRuntime(running.resolveSibling("lab-jmeter")));
    }
    return Optional.empty();
  }

  /** True when {@code context} (a jmeter build context) holds a staged runtime. */
  static boolean stagedIn(Path context) {
    return Files.isRegularFile(context.resolve(CONTEXT_FOLDER).resolve(LAUNCHER));
  }

  /**
   * Mirrors the runtime into {@code context/runtime}: hard links where the file system allows
   * (instant, no space), else copies; unchanged files are left alone and files no longer in the
   * runtime are removed, so the image build sees exactly this runtime.
   */
  void stageInto(Path context) throws IOException {
    Path target = context.resolve(CONTEXT_FOLDER);
    Set<Path> wanted = new HashSet<>();
    List<Path> sources;
    try (Stream<Path> s = Files.walk(dir)) {
      sources = s.sorted().toList();
    }
    for (Path src : sources) {
      Path rel = dir.relativize(src);
      Path dst = target.resolve(rel.toString());
      wanted.add(dst);
      if (Files.isDirectory(src)) {
        Files.createDirectories(dst);
      } else if (!same(src, dst)) {
        Files.deleteIfExists(dst);
        try {
          Files.createLink(dst, src);
        } catch (UnsupportedOperationException | FileSystemException crossDevice) {
          Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    List<Path> stale;
    try (Stream<Path> s = Files.walk(target)) {
      stale = s.filter(p -> !wanted.contains(p)).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : stale) {
      Files.delete(p);
    }
  }

  private static boolean same(Path src, Path dst) throws IOException {
    if (!Files.isRegularFile(dst)) {
      return false;
    }
    return Files.isSameFile(src, dst)
        || (Files.size(src) == Files.size(dst)
            && Files.getLastModifiedTime(src).equals(Files.getLastModifiedTime(dst)));
  }
}
