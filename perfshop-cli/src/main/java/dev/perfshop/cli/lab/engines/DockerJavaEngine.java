package dev.perfshop.cli.lab.engines;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.lab.Compose;
import dev.perfshop.cli.lab.DockerEngine;
import dev.perfshop.cli.lab.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link DockerEngine} on docker-java (core + the Apache HttpClient 5 transport), one client built
 * once. The host comes from {@code DOCKER_HOST}, else the docker-java defaults (the Docker context,
 * then {@code unix:///var/run/docker.sock}). No API version is pinned: requests go unversioned, so
 * the engine answers with its own version (works with Engine 20.10 / API 1.41 and Engine 29).
 * Loaded with docker-java on the lab's class loader ({@code LabLibraries}), never by the others.
 */
public final class DockerJavaEngine implements DockerEngine {

  private final String host;
  private final DockerClient docker;
  private final DockerHttpClient http;

  private DockerJavaEngine(String host, DockerClient docker, DockerHttpClient http) {
    this.host = host;
    this.docker = docker;
    this.http = http;
  }

  public static DockerJavaEngine connect() {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    DockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(20)
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    return new DockerJavaEngine(
        config.getDockerHost().toString(), DockerClientImpl.getInstance(config, http), http);
  }

  @Override
  public EngineInfo info() {
    try {
      Version v = docker.versionCmd().exec();
      Info i = docker.infoCmd().exec();
      return new EngineInfo(
          host,
          v.getVersion(),
          v.getApiVersion(),
          i.getMemTotal() == null ? 0 : i.getMemTotal(),
          i.getNCPU() == null ? 0 : i.getNCPU());
    } catch (RuntimeException e) {
      throw unreachable(e);
    }
  }

  private LabException unreachable(RuntimeException e) {
    boolean unixSocket = host.startsWith("unix://");
    boolean socketMissing =
        unixSocket && !Files.exists(Path.of(host.substring("unix://".length())));
    boolean cliMissing = !Compose.onPath("docker") && !Compose.onPath("dockerd");
    if (socketMissing && cliMissing) {
      return new LabException(
          ExitCodes.DOCKER,
          "Docker is not installed (no docker command, no socket at " + host + ")",
          e,
          "install Docker Desktop (laptop) or Docker Engine (Linux), or run without Docker: perfshop lab up --embedded");
    }
    return new LabException(
        ExitCodes.DOCKER,
        "the Docker daemon is not running or not reachable at "
            + host
            + " ("
            + rootMessage(e)
            + ")",
        e,
        "start Docker Desktop, or on Linux: sudo systemctl start docker",
        "another engine? set DOCKER_HOST; no Docker at all? perfshop lab up --embedded");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public List<LabContainer> containers(String project) {
    try {
      List<Container> list =
          docker
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of("com.docker.compose.project", project))
              .exec();
      List<LabContainer> out = new ArrayList<>();
      for (Container c : list) {
        String service =
            c.getLabels() == null
                ? "?"
                : c.getLabels().getOrDefault("com.docker.compose.service", "?");
        String name =
            c.getNames() == null || c.getNames().length == 0
                ? c.getId()
                : c.getNames()[0].replaceFirst("^/", "");
        String health = "none";
        int exit = 0;
        int restarts = 0;
        try {
          InspectContainerResponse r = docker.inspectContainerCmd(c.getId()).exec();
          HealthState h = r.getState().getHealth();
          if (h != null && h.getStatus() != null) {
            health = h.getStatus();
          }
          exit =
              r.getState().getExitCodeLong() == null
                  ? 0
                  : r.getState().getExitCodeLong().intValue();
          restarts = r.getRestartCount() == null ? 0 : r.getRestartCount();
        } catch (NotFoundException gone) {
          continue;
        }
        out.add(
            new LabContainer(
                c.getId(), name, service, c.getState(), health, exit, restarts, c.getStatus()));
      }
      out.sort(Comparator.comparing(LabContainer::service).thenComparing(LabContainer::name));
      return out;
    } catch (LabException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unreachable(e);
    }
  }

  @Override
  public void logs(String containerId, int tail, boolean follow, Consumer<String> sink) {
    var cmd =
        docker
            .logContainerCmd(containerId)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(follow);
    if (tail >= 0) {
      cmd = cmd.withTail(tail);
    }
    try {
      cmd.exec(
              new ResultCallback.Adapter<Frame>() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public void onNext(Frame frame) {
                  partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                  int nl;
                  while ((nl = partial.indexOf("\n")) >= 0) {
                    sink.accept(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                  }
                }

                @Override
                public void onComplete() {
                  if (!partial.isEmpty()) {
                    sink.accept(partial.toString());
                  }
                  super.onComplete();
                }
              })
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void remove(String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException gone) {
      // already removed
    }
  }

  @Override
  public void kill(String containerId) {
    docker.killContainerCmd(containerId).exec();
  }

  @Override
  public void pause(String containerId) {
    docker.pauseContainerCmd(containerId).exec();
  }

  @Override
  public void unpause(String containerId) {
    docker.unpauseContainerCmd(containerId).exec();
  }

  @Override
  public void restart(String containerId) {
    docker.restartContainerCmd(containerId).withTimeout(10).exec();
  }

  @Override
  public void tag(String source, String target) {
    // repository[:tag], where the repository may hold a registry host with a port
    int colon = target.lastIndexOf(':');
    boolean hasTag = colon > target.lastIndexOf('/');
    docker
        .tagImageCmd(
            source,
            hasTag ? target.substring(0, colon) : target,
            hasTag ? target.substring(colon + 1) : "latest")
        .exec();
  }

  @Override
  public java.util.Optional<Stats> stats(String containerId) {
    var sample =
        new java.util.concurrent.atomic.AtomicReference<
            com.github.dockerjava.api.model.Statistics>();
    var arrived = new java.util.concurrent.CountDownLatch(1);
    // The engine answers one sample after about a second (it measures CPU over that interval);
    // wait for that sample, not for the stream to close, which can lag far behind it.
    try (var cb =
        docker
            .statsCmd(containerId)
            .withNoStream(true)
            .exec(
                new ResultCallback.Adapter<com.github.dockerjava.api.model.Statistics>() {
                  @Override
                  public void onNext(com.github.dockerjava.api.model.Statistics s) {
                    sample.compareAndSet(null, s);
                    arrived.countDown();
                  }
                })) {
      arrived.await(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
    var s = sample.get();
    if (s == null || s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null) {
      return java.util.Optional.empty();
    }
    Long cpu = s.getCpuStats().getCpuUsage().getTotalUsage();
    long mem =
        s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null
            ? 0
            : s.getMemoryStats().getUsage();
    long limit =
        s.getMemoryStats() == null || s.getMemoryStats().getLimit() == null
            ? 0
            : s.getMemoryStats().getLimit();
    long rx = 0;
    long tx = 0;
    if (s.getNetworks() != null) {
      for (var n : s.getNetworks().values()) {
        rx += n.getRxBytes() == null ? 0 : n.getRxBytes();
        tx += n.getTxBytes() == null ? 0 : n.getTxBytes();
      }
    }
    return java.util.Optional.of(new Stats(cpu == null ? 0 : cpu / 1e9, mem, limit, rx, tx));
  }

  @Override
  public void close() {
    try {
      docker.close();
      http.close();
    } catch (IOException e) {
      // closing a client: nothing to report
    }
  }
}
