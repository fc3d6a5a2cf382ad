package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab build-images} builds the lab's own images from this checkout with the real compose and
 * tags them with the references variant desktop runs (here mapped to test names by an override
 * file, on the local Java base image). Runs after {@code package}: the monitor image needs the
 * packaged CLI jar.
 */
class LabBuildImagesTests {

  @TempDir Path tmp;

  @Test
  void buildsTheServerMonitorAndJmeterImagesUnderTheirDesktopNames() throws Exception {
    LabPreflightTests.requireEngine();
    LabSupport.require(
        LabSupport.compose() != null, "Docker Compose", "apt-get install docker-compose");
    LabSupport.require(
        Files.isRegularFile(LabSupport.serverJar()) && Files.isRegularFile(LabSupport.cliJar()),
        "the server and CLI jars",
        "this test runs after package (failsafe); build the reactor first");
    String jre = LocalImages.image("SERVER_BASE_IMAGE");
    String id = UUID.randomUUID().toString().substring(0, 8);
    String server = "perfshop-test/server:" + id;
    String monitor = "perfshop-test/monitor:" + id;
    String jmeter = "perfshop-test/jmeter:" + id;
    Path override = tmp.resolve("images.override");
    Files.writeString(
        override,
        String.join(
            "\n",
            "SERVER_BASE_IMAGE = " + jre,
            "JMETER_BASE_IMAGE = " + jre,
            "SERVER_IMAGE = " + server,
            "MONITOR_IMAGE = " + monitor,
            "JMETER_IMAGE = " + jmeter,
            ""));
    try {
      LabSupport.Run r =
          LabSupport.cli(
              "lab",
              "build-images",
              "--dir",
              tmp.resolve(".perfshop").toString(),
              "--images",
              override.toString(),
              "--templates",
              LabSupport.templates().toString(),
              "--server-jar",
              LabSupport.serverJar().toString(),
              "--agents-dir",
              LabSupport.repo().resolve("perfshop-cli/target/lab-agents").toString(),
              "--cli-jar",
              LabSupport.cliJar().toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("built " + server, "built " + monitor, "built " + jmeter)
          .contains("docker save -o perfshop-images.tar " + server + " " + monitor + " " + jmeter);
      for (String image : List.of(server, monitor, jmeter)) {
        assertThat(LabSupport.run(List.of("docker", "image", "inspect", image)))
            .as(image + " exists")
            .isZero();
      }
      // The monitor image is a working CLI: its entry point runs perfshop.
      LabServerImageTests.Run version =
          LabServerImageTests.docker("run", "--rm", monitor, "--version");
      assertThat(version.code()).as(version.out()).isZero();
      assertThat(version.out()).containsIgnoringCase("perfshop");
    } finally {
      LabServerImageTests.docker("rmi", "-f", server, monitor, jmeter);
    }
  }
}
