package dev.perfshop.cli.lab;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The lab's local stand-in images, as {@code scripts/lab-local-images} builds and names them. The
 * script is the one place that knows the tags: the tests run it (it only builds what is missing,
 * seconds when the images exist) and read the override file whose path it prints, never a tag of
 * their own. A machine without the images therefore builds them, as a new CI machine must.
 */
final class LocalImages {

  private static Path overrides;
  private static String problem;

  private LocalImages() {}

  /**
   * The override file ({@code VARIABLE = local image}), built once per test JVM; a missing Docker
   * engine, debootstrap or root skips loudly (fails with CI=true) with the script's reason.
   */
  static synchronized Path overrides() {
    if (overrides == null && problem == null) {
      build();
    }
    LabSupport.require(
        overrides != null,
        "the local lab images (scripts/lab-local-images: " + problem + ")",
        "run scripts/lab-local-images as root with a Docker engine and debootstrap (.ci/run does)");
    return overrides;
  }

  /** The local stand-in of an images.env variable (or {@code BASE_IMAGE}, the plain base). */
  static String image(String variable) {
    return ImageOverrides.read(overrides()).image(variable);
  }

  private static void build() {
    try {
      Path log = Files.createTempFile("lab-local-images", ".log");
      Process p =
          new ProcessBuilder(LabSupport.repo().resolve("scripts/lab-local-images").toString())
              .redirectError(log.toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        problem = "timed out after 15 min";
      } else if (p.exitValue() != 0 || out.isEmpty()) {
        String err = Files.readString(log).strip();
        problem = "exit " + p.exitValue() + (err.isEmpty() ? "" : ": " + tail(err));
      } else {
        overrides = Path.of(out.substring(out.lastIndexOf('\n') + 1));
      }
    } catch (Exception e) {
      problem = e.toString();
    }
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }
}
