package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --images FILE} mapping, for offline classrooms (preloaded images, a local registry)
 * and for tests (local stand-ins). One mapping per line, {@code upstream = replacement}; the left
 * side is either a full reference ({@code mysql:8.4.7}) or a repository without tag ({@code mysql},
 * matching every tag), or the variable name from images.env ({@code MYSQL_IMAGE}). Blank lines and
 * {@code #} comments are ignored.
 */
public final class ImageOverrides {

  private final Map<String, String> map;

  private ImageOverrides(Map<String, String> map) {
    this.map = map;
  }

  public static ImageOverrides none() {
    return new ImageOverrides(Map.of());
  }

  public static ImageOverrides read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.USAGE, "cannot read image override file " + file + ": " + e.getMessage());
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String from = eq < 0 ? "" : line.substring(0, eq).strip();
      String to = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (from.isEmpty() || to.isEmpty() || !valid(from) || !valid(to)) {
        throw new LabException(
            ExitCodes.USAGE,
            file
                + ":"
                + (i + 1)
                + ": expected 'upstream-image = replacement-image', got '"
                + line
                + "'");
      }
      map.put(from, to);
    }
    return new ImageOverrides(map);
  }

  private static boolean valid(String ref) {
    return ref.matches("[A-Za-z0-9][A-Za-z0-9._/:@-]*");
  }

  public int size() {
    return map.size();
  }

  /** The replacement of {@code reference} held in {@code variable}, or the reference itself. */
  public String apply(String variable, String reference) {
    if (map.containsKey(variable)) {
      return map.get(variable);
    }
    if (map.containsKey(reference)) {
      return map.get(reference);
    }
    String repository = repository(reference);
    return map.getOrDefault(repository, reference);
  }

  /** The image mapped from {@code variable} exactly (no repository matching). */
  public String image(String variable) {
    String image = map.get(variable);
    if (image == null) {
      throw new LabException(ExitCodes.USAGE, "no image override for " + variable);
    }
    return image;
  }

  /** {@code quay.io/prometheus/prometheus:v3.13.1} → {@code quay.io/prometheus/prometheus}. */
  static String repository(String reference) {
    String ref = reference;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    return ref;
  }
}
