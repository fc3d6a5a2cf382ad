package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.lab.engines.DockerJavaEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab up} refuses clearly, with exit code 6 and a hint, when the machine cannot run the lab:
 * not enough memory, a port taken, an image that cannot be found. The first two are refused before
 * anything is rendered or started.
 */
class LabPreflightTests {

  @TempDir Path tmp;

  @Test
  void notEnoughMemoryIsRefusedBeforeAnythingIsRendered() {
    ContainerChaosTests.FakeEngine engine = new ContainerChaosTests.FakeEngine();
    engine.memoryBytes = 1L << 30; // 1 GiB: core + observability need about 3.6 GiB
    Lab lab =
        new Lab(
            () -> engine,
            () -> {
              throw new AssertionError("compose must not run");
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    Workspace ws = new Workspace(tmp, "small");
    LabSpec spec =
        new LabSpec(
            "small",
            EnumSet.of(Profile.CORE, Profile.OBSERVABILITY),
            Variant.DESKTOP,
            new LabPorts(0),
            ImageOverrides.none(),
            "127.0.0.1",
            List.of());

    assertThatThrownBy(
            () ->
                lab.up(
                    ws,
                    spec,
                    Templates.fromDirectory(LabSupport.templates()),
                    null,
                    new Lab.UpOptions(
                        false, false, Duration.ofSeconds(5), false, "test", List.of())))
        .isInstanceOfSatisfying(
            LabException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.DOCKER);
              assertThat(e.getMessage())
                  .contains("not enough memory")
                  .contains("need about " + Lab.memoryMib(spec.profiles()) + " MiB")
                  .contains("the engine has 1024 MiB");
              assertThat(e.hints()).anyMatch(h -> h.contains("--skip-memory-check"));
            });
    assertThat(ws.dir()).doesNotExist();
  }

  @Test
  void aTakenPortIsRefusedBeforeAnythingIsRenderedOrStarted() throws Exception {
    requireEngine();
    int offset = 14300;
    int serverPort = new LabPorts(offset).port("SERVER_PORT");
    try (ServerSocket taken = new ServerSocket(serverPort, 1, InetAddress.getLoopbackAddress())) {
      LabSupport.Run r =
          LabSupport.cli(
              "lab",
              "up",
              "--dir",
              tmp.toString(),
              "--name",
              "preflight-port",
              "--variant",
              "desktop",
              "--templates",
              LabSupport.templates().toString(),
              "--port-offset",
              Integer.toString(offset));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.DOCKER);
      assertThat(r.err())
          .contains("error: port " + serverPort + " (shop server) is already in use on 127.0.0.1")
          .contains("--port-offset");
    }
    assertThat(tmp.resolve("lab/preflight-port")).as("nothing rendered").doesNotExist();
    try (DockerJavaEngine engine = DockerJavaEngine.connect()) {
      assertThat(engine.containers(LabSpec.project("preflight-port"))).isEmpty();
    }
  }

  @Test
  void anImageThatCannotBeFoundIsExitDockerWithTheImagesHint() throws Exception {
    requireEngine();
    LabSupport.require(
        LabSupport.compose() != null, "Docker Compose", "apt-get install docker-compose");
    Path override = tmp.resolve("images.override");
    Files.writeString(override, "MYSQL_IMAGE = perfshop-test/no-such-image:0\n");
    try {
      LabSupport.Run r =
          LabSupport.cli(
              "lab",
              "up",
              "--dir",
              tmp.toString(),
              "--name",
              "preflight-image",
              "--profile",
              "core",
              "--services",
              "mysql",
              "--variant",
              "desktop",
              "--templates",
              LabSupport.templates().toString(),
              "--images",
              override.toString(),
              "--port-offset",
              "14400",
              "--timeout",
              "60");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.DOCKER);
      assertThat(r.err())
          .contains("error: an image cannot be found")
          .contains("perfshop-test/no-such-image")
          .contains("--images FILE");
    } finally {
      LabSupport.cli(
          "lab", "down", "--volumes", "--dir", tmp.toString(), "--name", "preflight-image");
    }
  }

  static void requireEngine() {
    Optional<String> problem = LabIntegrationTests.engineProblem();
    LabSupport.require(
        problem.isEmpty(),
        "a Docker engine (" + problem.orElse("") + ")",
        ".ci/run starts one: apt-get install docker.io; dockerd");
  }
}
