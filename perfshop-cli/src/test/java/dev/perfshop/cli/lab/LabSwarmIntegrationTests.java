package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab up --swarm} for real: the compose model's core as a {@code docker stack deploy} on a
 * single-node swarm of the engine at DOCKER_HOST, the shop answering through nginx (service names
 * resolved by dnsrr). Makes the swarm only if the engine is in none, and leaves it afterwards; a
 * unique lab name gives a unique stack. Runs after package (failsafe): the server image is built
 * from the packaged jars by {@code lab build-images}; the stand-in images are those of the override
 * file {@code scripts/lab-local-images} prints.
 */
class LabSwarmIntegrationTests {

  @TempDir Path tmp;

  @Test
  void theShopAnswersThroughASwarmStack() throws Exception {
    LabPreflightTests.requireEngine();
    LabSupport.require(
        Files.isRegularFile(LabSupport.serverJar()) && Files.isRegularFile(LabSupport.cliJar()),
        "the server and CLI jars",
        "this test runs after package (failsafe); build the reactor first");
    Path printed = LocalImages.overrides();
    String id = UUID.randomUUID().toString().substring(0, 8);
    String lab = "it-" + id;
    String server = "perfshop-test/server:" + id;
    String monitor = "perfshop-test/monitor:" + id;
    Path override = tmp.resolve("images.override");
    Files.writeString(
        override,
        Files.readString(printed)
            + "\nSERVER_IMAGE = "
            + server
            + "\nMONITOR_IMAGE = "
            + monitor
            + "\n");
    boolean createdSwarm = false;
    int offset = freeOffset();
    try {
      var built =
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
      assertThat(built.exitCode()).as(built.err()).isZero();
      if (!"active".equals(output("docker", "info", "--format", "{{.Swarm.LocalNodeState}}"))) {
        assertThat(
                LabSupport.run(List.of("docker", "swarm", "init", "--advertise-addr", "127.0.0.1")))
            .as("docker swarm init")
            .isZero();
        createdSwarm = true;
      }
      var up =
          LabSupport.cli(
              "lab",
              "up",
              "--swarm",
              "--groups",
              "1",
              "--name",
              lab,
              "--dir",
              tmp.resolve(".perfshop").toString(),
              "--images",
              override.toString(),
              "--templates",
              LabSupport.templates().toString(),
              "--port-offset",
              Integer.toString(offset),
              "--timeout",
              "900");
      assertThat(up.exitCode()).as(up.err()).isZero();
      assertThat(up.out()).contains("perfshop-" + lab + "-g01");
      // Through nginx: nginx reaches perfshop-server by its dnsrr service name.
      int web = 8088 + offset;
      HttpResponse<String> r =
          getUntil200("http://127.0.0.1:" + web + "/actuator/health/readiness");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("UP");
      // The admin token of the group works on the server (the licence was installed with it).
      String token =
          Files.readString(tmp.resolve(".perfshop/swarm/" + lab + "/g01/admin-token")).strip();
      try (HttpClient http = HttpClient.newHttpClient()) {
        var licence =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + "/api/admin/license"))
                    .header("X-Admin-Token", token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(licence.statusCode()).as(licence.body()).isEqualTo(200);
      }
    } finally {
      LabSupport.cli("lab", "down", "--swarm", "--name", lab, "--groups", "1");
      waitGone("perfshop-" + lab + "-g01");
      for (String v : List.of("mysql-data", "server-data")) {
        LabSupport.run(List.of("docker", "volume", "rm", "perfshop-" + lab + "-g01_" + v));
      }
      if (createdSwarm) {
        LabSupport.run(List.of("docker", "swarm", "leave", "--force"));
      }
      LabSupport.run(List.of("docker", "rmi", server, monitor));
    }
  }

  static String output(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out;
  }

  /** An offset whose shop ports (8080, 8088 + offset) are free. */
  static int freeOffset() {
    for (int offset = 11000; offset <= 19000; offset += 1000) {
      boolean free = true;
      for (int port : new int[] {8080 + offset, 8088 + offset}) {
        try (ServerSocket s = new ServerSocket(port)) {
          s.setReuseAddress(true);
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no free port offset between 11000 and 19000");
  }

  static HttpResponse<String> getUntil200(String url) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      while (true) {
        try {
          var r =
              http.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 || System.nanoTime() > deadline) {
            return r;
          }
        } catch (IOException notYet) {
          if (System.nanoTime() > deadline) {
            throw notYet;
          }
        }
        Thread.sleep(2000);
      }
    }
  }

  /** docker stack rm returns before the containers are gone; volumes can go only after. */
  static void waitGone(String stack) throws Exception {
    List<String> left = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String ps =
          output(
              "docker", "ps", "-a", "-q", "--filter", "label=com.docker.stack.namespace=" + stack);
      if (ps.isEmpty()) {
        return;
      }
      left.add(ps);
      Thread.sleep(2000);
    }
  }
}
