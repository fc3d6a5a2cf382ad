package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Loads {@link LabEngines} with the lab's own libraries (docker-java, helm-java and theirs: about
 * 30 jars) on a class loader of their own, so that the commands that never drive Docker or Helm
 * (every {@code chaos}, {@code session}, {@code scenario}… command) start without them on their
 * class path. Packaged, they sit beside the CLI's jar: {@code perfshop-cli-lab.jar} (the classes of
 * {@code lab.engines}) and {@code lib/lab/}. From a build's class folders (tests, an IDE) the class
 * path already has everything, and that is used as it is.
 */
final class LabLibraries {

  static final String LAB_JAR = "perfshop-cli-lab.jar";
  static final String LAB_LIB = "lib/lab";

  private static LabEngines engines;

  private LabLibraries() {}

  static synchronized LabEngines engines() {
    if (engines == null) {
      engines = load(loader());
    }
    return engines;
  }

  private static LabEngines load(ClassLoader loader) {
    try {
      return ServiceLoader.load(LabEngines.class, loader)
          .findFirst()
          .orElseThrow(() -> missing("no implementation of the lab's engines in " + LAB_JAR));
    } catch (ServiceConfigurationError | LinkageError e) {
      throw missing(e.toString());
    }
  }

  private static ClassLoader loader() {
    ClassLoader cli = LabLibraries.class.getClassLoader();
    if (cli.getResource("META-INF/services/" + LabEngines.class.getName()) != null) {
      return cli; // a build's class folders: one class path with everything
    }
    Path home = home();
    return new URLClassLoader("perfshop-lab", urls(home), cli);
  }

  /** The lab jar first, then lib/lab's jars in name order (a stable class path). */
  static URL[] urls(Path home) {
    Path jar = home.resolve(LAB_JAR);
    Path lib = home.resolve(LAB_LIB);
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw missing(jar + " or " + lib + "/ is missing");
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> jars = Files.list(lib)) {
      urls.add(jar.toUri().toURL());
      for (Path p : jars.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(p.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw missing(e.toString());
    } catch (IOException e) {
      throw missing("cannot list " + lib + ": " + e.getMessage());
    }
    return urls.toArray(URL[]::new);
  }

  /** The folder of the jar this CLI runs from. */
  private static Path home() {
    CodeSource source = LabLibraries.class.getProtectionDomain().getCodeSource();
    try {
      if (source != null && source.getLocation() != null) {
        Path jar = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(jar)) {
          return jar.toAbsolutePath().getParent();
        }
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      // fall through: not a file on disk
    }
    throw missing("the CLI does not run from its jar");
  }

  private static LabException missing(String why) {
    return new LabException(
        ExitCodes.FAILURE,
        "this CLI cannot load its lab libraries (" + why + ")",
        "the CLI's folder holds perfshop-cli.jar, "
            + LAB_JAR
            + ", lib/ and lib/lab/: copy all of"
            + " them, or build it again (make build)");
  }
}
