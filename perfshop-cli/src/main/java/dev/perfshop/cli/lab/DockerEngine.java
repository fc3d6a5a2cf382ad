package dev.perfshop.cli.lab;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the lab needs from the Docker engine: reachability, the containers of a compose project,
 * their logs, and container-level anomalies. Compose itself runs as the real {@code docker compose}
 * binary ({@link Compose}); this interface only observes and acts on containers.
 */
public interface DockerEngine extends AutoCloseable {

  /** The engine version and memory; a {@link LabException} with exit code DOCKER when down. */
  EngineInfo info();

  /** Every container (running or not) carrying {@code com.docker.compose.project=project}. */
  List<LabContainer> containers(String project);

  /** Writes the last {@code tail} lines (and more with {@code follow}) to {@code sink}. */
  void logs(String containerId, int tail, boolean follow, Consumer<String> sink);

  /** Removes a container, running or not (leftovers after {@code compose down}). */
  void remove(String containerId);

  /** Kills (SIGKILL) a container: the infrastructure anomaly "container-kill". */
  void kill(String containerId);

  void pause(String containerId);

  void unpause(String containerId);

  void restart(String containerId);

  /** Tags an image that exists ({@code source}) with another full reference ({@code target}). */
  void tag(String source, String target);

  /** One resource-usage sample of a running container; empty when it has none. */
  java.util.Optional<Stats> stats(String containerId);

  @Override
  void close();

  /** Cumulative CPU time, memory now and its limit, cumulative network bytes. */
  record Stats(
      double cpuSeconds, long memoryBytes, long memoryLimitBytes, long rxBytes, long txBytes) {}

  record EngineInfo(String host, String version, String apiVersion, long memoryBytes, int cpus) {}

  /**
   * One container of a lab. {@code health} is {@code healthy|unhealthy|starting} or {@code none}
   * when the service has no healthcheck.
   */
  record LabContainer(
      String id,
      String name,
      String service,
      String state,
      String health,
      int exitCode,
      int restarts,
      String status) {

    public boolean ready() {
      return "running".equals(state) && ("healthy".equals(health) || "none".equals(health));
    }
  }
}
