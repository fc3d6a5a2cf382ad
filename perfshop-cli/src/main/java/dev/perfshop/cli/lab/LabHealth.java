package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a lab can start and did: its published ports free before {@code up}, every container
 * running and healthy after it, and the state and last log lines of those that are not.
 */
final class LabHealth {

  private final DockerEngine engine;
  private final PrintWriter err;

  LabHealth(DockerEngine engine, PrintWriter err) {
    this.engine = engine;
    this.err = err;
  }

  static void checkPorts(LabSpec spec) {
    for (var e : spec.ports().published(spec.profiles(), spec.services()).entrySet()) {
      int port = e.getValue();
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(spec.bind()), port));
      } catch (IOException taken) {
        throw new LabException(
            ExitCodes.DOCKER,
            "port " + port + " (" + e.getKey().label() + ") is already in use on " + spec.bind(),
            "stop what uses it, or run this lab with other ports: --port-offset 100");
      }
    }
  }

  /** Waits until every container is running and healthy (or has no healthcheck). */
  public List<DockerEngine.LabContainer> waitHealthy(String project, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> last = new HashMap<>();
    while (true) {
      List<DockerEngine.LabContainer> cs = engine.containers(project);
      for (var c : cs) {
        String now = c.state() + ("none".equals(c.health()) ? "" : "/" + c.health());
        if (!now.equals(last.put(c.service(), now))) {
          err.printf("  %-24s %s%n", c.service(), now);
          err.flush();
        }
        if ("exited".equals(c.state())
            || "dead".equals(c.state())
            || "unhealthy".equals(c.health())) {
          List<String> tail = new ArrayList<>();
          engine.logs(c.id(), 15, false, tail::add);
          throw new LabException(
              ExitCodes.DOCKER,
              "service "
                  + c.service()
                  + " failed: "
                  + c.state()
                  + ("none".equals(c.health()) ? "" : "/" + c.health())
                  + " (exit "
                  + c.exitCode()
                  + ")",
              tail.stream().map(l -> "| " + l).toArray(String[]::new));
        }
      }
      if (!cs.isEmpty() && cs.stream().allMatch(DockerEngine.LabContainer::ready)) {
        return cs;
      }
      if (System.nanoTime() > deadline) {
        List<String> waiting =
            cs.stream()
                .filter(c -> !c.ready())
                .map(c -> c.service() + " (" + c.state() + "/" + c.health() + ")")
                .toList();
        throw new LabException(
            ExitCodes.DOCKER,
            "the lab was not healthy after "
                + timeout.toSeconds()
                + " s; still waiting for "
                + waiting,
            "see the logs: perfshop lab logs <service>");
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException(ExitCodes.FAILURE, "interrupted");
      }
    }
  }

  /** Adds the state and last log lines of every container that exited or is unhealthy. */
  LabException withFailedContainers(LabException failure, String project) {
    List<String> hints = new ArrayList<>(failure.hints());
    try {
      for (var c : engine.containers(project)) {
        if ("exited".equals(c.state())
            || "dead".equals(c.state())
            || "unhealthy".equals(c.health())) {
          hints.add(c.service() + " is " + c.state() + "/" + c.health() + "; its last log lines:");
          engine.logs(c.id(), 15, false, l -> hints.add("| " + l));
        }
      }
    } catch (RuntimeException e) {
      return failure; // the engine is gone too: the compose error says enough
    }
    return new LabException(
        failure.exitCode(), failure.getMessage(), failure, hints.toArray(String[]::new));
  }
}
