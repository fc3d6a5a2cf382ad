package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.fail;

import dev.perfshop.cli.PerfShopCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers of the lab tests: the checkout's folders, real parts, running the CLI. */
final class LabSupport {

  private LabSupport() {}

  /** The repository root (the CLI module's parent). */
  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("compose-templates/INDEX"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "compose-templates/INDEX not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static Path templates() {
    return repo().resolve("compose-templates");
  }

  static Path serverJar() {
    return repo().resolve("perfshop-server/target/perfshop-server.jar");
  }

  /** The packaged CLI jar (lib/ beside it): exists once the module is packaged. */
  static Path cliJar() {
    return repo().resolve("perfshop-cli/target/perfshop-cli.jar");
  }

  static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Missing real part: a loud skip locally, a failure with CI=true. */
  static void require(boolean present, String what, String howToGetIt) {
    if (present) {
      return;
    }
    String reason = what + " is not available: " + howToGetIt;
    if (ci()) {
      fail("CI=true and " + reason);
    }
    System.err.println("SKIPPED (real part missing): " + reason);
    Assumptions.abort(reason);
  }

  /**
   * What a test that brings a lab up needs: a Docker engine, Compose, the packaged server and CLI
   * jars, and the local images (built here when missing); returns the image-override file.
   */
  static Path requireLabParts() {
    Optional<String> problem = LabIntegrationTests.engineProblem();
    require(
        problem.isEmpty(),
        "a Docker engine (" + problem.orElse("") + ")",
        ".ci/run starts one: apt-get install docker.io docker-compose debootstrap; dockerd");
    require(compose() != null, "Docker Compose", "apt-get install docker-compose");
    require(Files.isRegularFile(serverJar()), "the server jar", "build the reactor first");
    require(
        Files.isRegularFile(cliJar()),
        "the CLI jar",
        "this test runs after package (failsafe); build the reactor first");
    return LocalImages.overrides();
  }

  /**
   * {@code lab up} of this checkout's jars and agents with the local images, on its own port offset
   * (without {@code --rebuild}: add it to build the server image from the jar).
   */
  static List<String> labUp(
      Path base, String name, String profiles, String services, int offset, Path images) {
    return new java.util.ArrayList<>(
        List.of(
            "lab",
            "up",
            "--dir",
            base.toString(),
            "--name",
            name,
            "--profile",
            profiles,
            "--services",
            services,
            "--variant",
            "linux",
            "--templates",
            templates().toString(),
            "--server-jar",
            serverJar().toString(),
            "--agents-dir",
            repo().resolve("perfshop-cli/target/lab-agents").toString(),
            "--cli-jar",
            cliJar().toString(),
            "--images",
            images.toString(),
            "--port-offset",
            Integer.toString(offset),
            "--timeout",
            "600"));
  }

  /** The compose command of this machine (v2 plugin, else v1), or null. */
  static List<String> compose() {
    try {
      return Compose.detect(System.getenv("PERFSHOP_COMPOSE")).command();
    } catch (LabException missing) {
      return null;
    }
  }

  /** Runs a command quietly (up to 60 s): its exit code, or -1 when it cannot run. */
  static int run(List<String> cmd) {
    return Compose.quiet(cmd, 60);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Result of one in-process CLI run. */
  record Run(int exitCode, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = PerfShopCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(rc, out.toString(), err.toString());
  }
}
