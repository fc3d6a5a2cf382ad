package dev.perfshop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as the build packages it (target/perfshop, perfshop-cli.jar, lib/, and the lab's
 * perfshop-cli-lab.jar with lib/lab/), run after {@code package}: the commands' class path leaves
 * the lab's libraries out, and the command that needs them still finds them.
 */
class PackagedCliTests {

  private static final Path TARGET = Path.of("target").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void theJarsClassPathHasNoneOfTheLabsLibrariesAndAllOfItsOwn() throws IOException {
    String classPath;
    try (JarFile jar = new JarFile(TARGET.resolve("perfshop-cli.jar").toFile())) {
      classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      assertThat(jar.getEntry("dev/perfshop/cli/lab/engines/JavaEngines.class")).isNull();
    }
    List<String> entries = Arrays.asList(classPath.trim().split("\\s+"));
    assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(TARGET.resolve(e)).isRegularFile());
    assertThat(entries)
        .noneMatch(e -> e.startsWith("lib/lab/"))
        .noneMatch(
            e -> e.contains("docker-java") || e.contains("helm-java") || e.contains("bcprov"));
    List<String> lab;
    try (Stream<Path> jars = Files.list(TARGET.resolve("lib/lab"))) {
      lab = jars.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(lab)
        .anyMatch(n -> n.startsWith("docker-java-core-"))
        .anyMatch(n -> n.startsWith("helm-java-"))
        .noneMatch(n -> entries.contains("lib/" + n));
    try (JarFile jar = new JarFile(TARGET.resolve("perfshop-cli-lab.jar").toFile())) {
      assertThat(jar.getEntry("dev/perfshop/cli/lab/engines/JavaEngines.class")).isNotNull();
      assertThat(jar.getEntry("dev/perfshop/cli/PerfShopCli.class")).isNull();
    }
  }

  @Test
  void helmTemplateRunsThroughTheLabsClassLoader() throws Exception {
    Path out = tmp.resolve("school");
    Run r =
        perfshop(
            "lab", "render", "--target", "kubernetes", "--groups", "1", "--out", out.toString());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(Files.readString(out.resolve("manifests.yaml"))).contains("kind: Deployment");
    assertThat(Files.readString(out.resolve("secrets.yaml"))).contains("kind: Secret");
  }

  @Test
  void aCopyWithoutTheLabsLibrariesStillRunsTheOtherCommandsAndSaysWhatIsMissing()
      throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("cli"));
    Files.copy(TARGET.resolve("perfshop"), copy.resolve("perfshop"));
    Files.copy(TARGET.resolve("perfshop-cli.jar"), copy.resolve("perfshop-cli.jar"));
    Files.createDirectories(copy.resolve("lib"));
    try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Files.copy(jar, copy.resolve("lib").resolve(jar.getFileName()));
      }
    }

    Run version = run(copy.resolve("perfshop"), "--version");
    assertThat(version.code()).as(version.out()).isZero();
    Run render =
        run(
            copy.resolve("perfshop"),
            "lab",
            "render",
            "--target",
            "kubernetes",
            "--out",
            tmp.resolve("out").toString());
    assertThat(render.code()).as(render.out()).isEqualTo(ExitCodes.FAILURE);
    assertThat(render.out())
        .contains("error: this CLI cannot load its lab libraries")
        .contains("perfshop-cli-lab.jar");
  }

  record Run(int code, String out) {}

  private Run perfshop(String... args) throws Exception {
    return run(TARGET.resolve("perfshop"), args);
  }

  private Run run(Path launcher, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(tmp.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
