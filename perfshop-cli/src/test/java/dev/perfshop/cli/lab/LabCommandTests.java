package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab commands as a user runs them: a real CLI process, real errors, the embedded server. */
class LabCommandTests {

  @TempDir Path tmp;

  record Result(int exitCode, String out) {}

  /** Runs {@code perfshop args} as its own JVM with extra environment. */
  Result perfshop(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.perfshop.cli.PerfShopCli"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void aDaemonThatDoesNotAnswerIsExitCodeDockerWithAClearMessage() throws Exception {
    Path socket = tmp.resolve("no-daemon.sock");
    Result r =
        perfshop(
            Map.of("DOCKER_HOST", "unix://" + socket),
            "lab",
            "status",
            "--dir",
            tmp.resolve("ws").toString());
    // status of a lab never rendered is a usage error before Docker is touched
    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out()).contains("no lab named 'default'");

    Result up =
        perfshop(
            Map.of("DOCKER_HOST", "unix://" + socket),
            "lab",
            "up",
            "--dir",
            tmp.resolve("ws").toString(),
            "--variant",
            "desktop",
            "--templates",
            LabSupport.templates().toString());
    assertThat(up.exitCode()).as(up.out()).isEqualTo(ExitCodes.DOCKER);
    assertThat(up.out())
        .containsPattern(
            "error: (the Docker daemon is not running or not reachable at unix://.*no-daemon.sock|Docker is not installed)");
    assertThat(tmp.resolve("ws/lab/default"))
        .as("nothing rendered when Docker is down")
        .doesNotExist();
  }

  @Test
  void noDockerAtAllIsExitCodeDockerSayingWhatToInstall() throws Exception {
    Path emptyPath = Files.createDirectories(tmp.resolve("empty-path"));
    Result up =
        perfshop(
            Map.of(
                "PATH",
                emptyPath.toString(),
                "DOCKER_HOST",
                "unix://" + tmp.resolve("no-engine.sock")),
            "lab",
            "up",
            "--dir",
            tmp.resolve("ws").toString(),
            "--variant",
            "desktop",
            "--templates",
            LabSupport.templates().toString());
    assertThat(up.exitCode()).as(up.out()).isEqualTo(ExitCodes.DOCKER);
    assertThat(up.out())
        .contains("error: Docker is not installed (no docker command, no socket at unix://")
        .contains("perfshop lab up --embedded");
    assertThat(tmp.resolve("ws/lab/default")).as("nothing rendered").doesNotExist();
  }

  @Test
  void dryRunRendersAndPrintsTheComposeCommandWithoutDocker() throws Exception {
    Result r =
        perfshop(
            Map.of("DOCKER_HOST", "unix://" + tmp.resolve("none.sock")),
            "lab",
            "up",
            "--dry-run",
            "--dir",
            tmp.resolve("ws").toString(),
            "--name",
            "class-b",
            "--profile",
            "core,logs",
            "--variant",
            "desktop",
            "--templates",
            LabSupport.templates().toString());
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("would run: docker compose --project-name perfshop-class-b")
        .contains("compose.core.yaml")
        .contains("compose.logs.yaml")
        .contains("compose.desktop.yaml")
        .doesNotContain("compose.qa.yaml");
    Path env = tmp.resolve("ws/lab/class-b/.env");
    assertThat(Files.readString(env))
        .contains("COMPOSE_PROJECT_NAME=perfshop-class-b")
        .contains("SERVER_PORT=9080")
        .contains("LOKI_PORT=4100");
  }

  @Test
  void badFlagsAreUsageErrors() throws Exception {
    assertThat(
            LabSupport.cli(
                    "lab", "up", "--profile", "core,nosuch", "--dry-run", "--dir", tmp.toString())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
    LabSupport.Run badName =
        LabSupport.cli("lab", "up", "--name", "Bad Name!", "--dry-run", "--dir", tmp.toString());
    assertThat(badName.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badName.err()).contains("invalid lab name");
    assertThat(
            LabSupport.cli("lab", "container", "explode", "mysql", "--dir", tmp.toString())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            LabSupport.cli("lab", "up", "--port-offset", "-5", "--dry-run", "--dir", tmp.toString())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void embeddedStartsTheServerJarWritesLabPropertiesAndStopsIt() throws Exception {
    LabSupport.require(
        Files.isRegularFile(LabSupport.serverJar()), "the server jar", "build the reactor first");
    int port = LabSupport.freePort();
    Path base = tmp.resolve(".perfshop");
    Result up =
        perfshop(
            Map.of(),
            "lab",
            "up",
            "--embedded",
            "--port",
            Integer.toString(port),
            "--dir",
            base.toString(),
            "--server-jar",
            LabSupport.serverJar().toString(),
            "--timeout",
            "120");
    try {
      assertThat(up.exitCode()).as(up.out()).isZero();
      String props = Files.readString(base.resolve("lab.properties"));
      assertThat(props)
          .contains("url=http://localhost:" + port)
          .contains("admin-token-file=embedded/admin-token");
      assertThat(Files.readString(base.resolve("embedded/admin-token")).strip())
          .hasSizeGreaterThanOrEqualTo(32);
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/products"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
      }
      assertThat(base.resolve("data")).as("H2 data under the workspace").isDirectory();
    } finally {
      Result down = perfshop(Map.of(), "lab", "down", "--embedded", "--dir", base.toString());
      assertThat(down.exitCode()).as(down.out()).isZero();
      assertThat(down.out()).contains("Embedded server stopped");
    }
    try (var s = new java.net.ServerSocket(port)) {
      assertThat(s.getLocalPort())
          .as("the port is free again: the server process is gone")
          .isEqualTo(port);
    }
  }
}
