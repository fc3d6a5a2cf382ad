package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.Optional;

/**
 * {@code lab up --embedded}: the server jar as a child process (H2 under {@code .perfshop/data}, no
 * Docker), its admin token prepared, and {@code .perfshop/lab.properties} written for the other
 * commands. The process outlives the CLI; {@code lab down --embedded} stops it by its pid.
 */
public final class EmbeddedLab {

  private final Path base;
  private final PrintWriter out;
  private final PrintWriter err;

  public EmbeddedLab(Path base, PrintWriter out, PrintWriter err) {
    this.base = base;
    this.out = out;
    this.err = err;
  }

  Path dir() {
    return base.resolve("embedded");
  }

  Path pidFile() {
    return dir().resolve("server.pid");
  }

  Path tokenFile() {
    return dir().resolve("admin-token");
  }

  Optional<ProcessHandle> running() {
    try {
      if (!Files.isRegularFile(pidFile())) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile()).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Starts the server on {@code port}; returns its URL once it reports ready. */
  public URI up(Path jar, int port, Duration timeout) {
    URI url = URI.create("http://localhost:" + port);
    if (running().isPresent()) {
      out.println(
          "The embedded server is already running (pid " + running().get().pid() + ") at " + url);
      out.flush();
      return url;
    }
    try {
      Files.createDirectories(dir());
      String token;
      if (Files.isRegularFile(tokenFile())) {
        token = Files.readString(tokenFile()).strip();
      } else {
        token = Workspace.randomSecret();
        Files.writeString(tokenFile(), token + "\n");
        Workspace.restrict(tokenFile());
      }
      // The server never licenses itself: a lab key pair and licence on first run.
      dev.perfshop.cli.license.LabLicense.provision(
          dir().resolve("licence"), base.toAbsolutePath().resolve("data"));
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-jar");
      cmd.add(jar.toAbsolutePath().toString());
      cmd.add("--server.port=" + port);
      ProcessBuilder pb =
          new ProcessBuilder(cmd).directory(base.toAbsolutePath().getParent().toFile());
      pb.environment().put("PERFSHOP_ADMIN_TOKEN", token);
      pb.environment().put("PERFSHOP_DATADIR", base.toAbsolutePath().resolve("data").toString());
      Path log = dir().resolve("server.log");
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process p = pb.start();
      p.getOutputStream().close();
      Files.writeString(pidFile(), Long.toString(p.pid()));
      err.println("started the embedded server (pid " + p.pid() + "), log " + log);
      err.flush();
      waitReady(p, url, timeout, log);
      LabProvisioning.writeClientConfig(base, url.toString(), base.relativize(tokenFile()));
      out.println(
          "Embedded lab is up: shop " + url + "/ , metrics " + url + "/actuator/prometheus");
      out.println(
          "  admin token file "
              + tokenFile()
              + " (used by the other perfshop commands via .perfshop/lab.properties)");
      out.flush();
      return url;
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.FAILURE, "cannot start the embedded server: " + e.getMessage(), e);
    }
  }

  private void waitReady(Process p, URI url, Duration timeout, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new LabException(
              ExitCodes.FAILURE,
              "the embedded server exited with code " + p.exitValue(),
              "see " + log);
        }
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(url.resolve("/actuator/health/readiness"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          if (r.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(300);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    p.destroy();
    throw new LabException(
        ExitCodes.FAILURE,
        "the embedded server was not ready after " + timeout.toSeconds() + " s",
        "see " + log);
  }

  /** Stops the embedded server if it runs; true when one was stopped. */
  public boolean down(Duration grace) {
    Optional<ProcessHandle> h = running();
    if (h.isEmpty()) {
      out.println("No embedded server is running.");
      out.flush();
      return false;
    }
    h.get().destroy();
    try {
      h.get().onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception slow) {
      h.get().destroyForcibly();
    }
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException e) {
      // a stale pid file is ignored by running()
    }
    out.println(
        "Embedded server stopped (pid "
            + h.get().pid()
            + "); data kept in "
            + base.resolve("data"));
    out.flush();
    return true;
  }
}
