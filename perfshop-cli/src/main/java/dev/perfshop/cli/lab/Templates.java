package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compose templates: from a directory (a checkout's {@code compose-templates/}, or {@code
 * --templates DIR}) or from the CLI jar, where they are listed in {@code INDEX}.
 */
public final class Templates {

  static final String CLASSPATH_ROOT = "/dev/perfshop/cli/lab/templates/";

  private final Path dir;

  private Templates(Path dir) {
    this.dir = dir;
  }

  public static Templates fromDirectory(Path dir) {
    if (!Files.isRegularFile(dir.resolve("INDEX"))) {
      throw new LabException(ExitCodes.USAGE, dir + " holds no compose templates (no INDEX file)");
    }
    return new Templates(dir);
  }

  public static Templates fromClasspath() {
    return new Templates(null);
  }

  /** The files to render, relative, '/'-separated, as listed in INDEX. */
  public List<String> files() {
    List<String> out = new ArrayList<>();
    for (String line : new String(read("INDEX"), StandardCharsets.UTF_8).split("\n")) {
      String f = line.strip();
      if (!f.isEmpty() && !f.startsWith("#")) {
        out.add(f);
      }
    }
    return out;
  }

  public byte[] read(String relative) {
    try {
      if (dir != null) {
        return Files.readAllBytes(dir.resolve(relative));
      }
      try (InputStream in = Templates.class.getResourceAsStream(CLASSPATH_ROOT + relative)) {
        if (in == null) {
          throw new LabException(
              ExitCodes.FAILURE, "template missing from the CLI jar: " + relative);
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pinned upstream images, in file order (images.env). */
  public Map<String, String> images() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : new String(read("images.env"), StandardCharsets.UTF_8).split("\n")) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (!l.isEmpty() && !l.startsWith("#") && eq > 0) {
        out.put(l.substring(0, eq), l.substring(eq + 1));
      }
    }
    return out;
  }
}
