package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Helm chart of a class lab (deploy/helm/perfshop, shipped in the CLI jar) and {@code helm
 * template} through Helm's own library (helm-java, in {@link LabEngines}): no helm binary needed.
 */
public final class HelmChart {

  /** Where the build puts deploy/helm/perfshop in the CLI jar. */
  static final String CLASSPATH_ROOT = "/dev/perfshop/cli/lab/chart/";

  /** Release and namespace of the shared backends in the rendered manifests. */
  static final String RELEASE = "perfshop";

  static final String NAMESPACE = "perfshop-lab";

  private HelmChart() {}

  /** Copies the CLI's chart (or {@code from}, when given) to {@code to}. */
  static void copy(Path from, Path to) throws IOException {
    if (from != null) {
      copyTree(from, to);
      return;
    }
    URL chartYaml = HelmChart.class.getResource(CLASSPATH_ROOT + "Chart.yaml");
    if (chartYaml == null) {
      throw new LabException(
          ExitCodes.FAILURE,
          "the Helm chart is missing from the CLI jar",
          "pass --chart DIR (deploy/helm/perfshop of a checkout)");
    }
    URI uri;
    try {
      uri = chartYaml.toURI();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if ("jar".equals(uri.getScheme())) {
      FileSystem fs;
      boolean mine = false;
      try {
        fs = FileSystems.newFileSystem(uri, Map.of());
        mine = true;
      } catch (FileSystemAlreadyExistsException e) {
        fs = FileSystems.getFileSystem(uri);
      }
      try {
        copyTree(fs.getPath(CLASSPATH_ROOT), to);
      } finally {
        if (mine) {
          fs.close();
        }
      }
    } else {
      copyTree(Path.of(uri).getParent(), to);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from.resolve("Chart.yaml"))) {
      throw new LabException(ExitCodes.USAGE, from + " is not a Helm chart (no Chart.yaml)");
    }
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path dest = to;
        for (Path part : from.relativize(f)) {
          String name = part.toString().replace("/", "");
          if (!name.isEmpty()) {
            dest = dest.resolve(name);
          }
        }
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * {@code helm template perfshop CHART -f VALUES -n perfshop-lab}, with no cluster: the live
   * Secrets are not looked up (a first install's secrets, made with Helm's CSPRNG).
   */
  static String template(Path chart, Path values) {
    try {
      return LabEngines.load().helmTemplate(chart, values, RELEASE, NAMESPACE);
    } catch (LinkageError e) {
      throw new LabException(
          ExitCodes.FAILURE,
          "Helm's native library does not load on this platform: " + e.getMessage(),
          e,
          "use --target helm and run `helm template` yourself");
    } catch (IllegalStateException e) {
      String msg = String.valueOf(e.getMessage()).strip();
      if (msg.startsWith("No NativeLibrary")) {
        throw new LabException(
            ExitCodes.FAILURE,
            "this CLI build carries no Helm native library for this platform",
            e,
            "use --target helm and run `helm template` yourself");
      }
      throw new LabException(ExitCodes.FAILURE, "helm template failed: " + msg, e);
    }
  }

  /** Rendered manifests split in two: the group Secrets, and everything else. */
  record Split(String secrets, String manifests) {}

  static Split split(String rendered) {
    List<String> secrets = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String doc : rendered.split("(?m)^---\\s*\\n")) {
      if (doc.isBlank()) {
        continue;
      }
      String body = doc.endsWith("\n") ? doc : doc + "\n";
      (body.matches("(?s).*(?m:^kind: Secret$).*") ? secrets : others).add(body);
    }
    return new Split(join(secrets), join(others));
  }

  private static String join(List<String> docs) {
    StringBuilder sb = new StringBuilder();
    for (String d : docs) {
      sb.append("---\n").append(d);
    }
    return sb.toString();
  }
}
