package dev.perfshop.cli.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Container metrics of a lab in the Prometheus text format, from the Docker API (docker-java
 * stats): the {@code perfshop lab monitor} exporter, for hosts where cAdvisor cannot run. One
 * series per container, labelled with its compose {@code service}.
 */
public final class LabMonitor {

  /** The metric names this exporter serves (the containers dashboard uses them). */
  public static final List<String> METRICS =
      List.of(
          "perfshop_container_up",
          "perfshop_container_healthy",
          "perfshop_container_restarts_total",
          "perfshop_container_cpu_seconds_total",
          "perfshop_container_memory_bytes",
          "perfshop_container_memory_limit_bytes",
          "perfshop_container_network_receive_bytes_total",
          "perfshop_container_network_transmit_bytes_total");

  private final DockerEngine engine;
  private final String project;

  public LabMonitor(DockerEngine engine, String project) {
    this.engine = engine;
    this.project = project;
  }

  /** One scrape: every container of the project, running or not. */
  public String scrape() {
    StringBuilder up = header("perfshop_container_up", "gauge", "1 when the container is running");
    StringBuilder healthy =
        header(
            "perfshop_container_healthy",
            "gauge",
            "1 healthy, 0 otherwise (no healthcheck: same as up)");
    StringBuilder restarts =
        header("perfshop_container_restarts_total", "counter", "Restarts by the restart policy");
    StringBuilder cpu = header("perfshop_container_cpu_seconds_total", "counter", "CPU time used");
    StringBuilder mem = header("perfshop_container_memory_bytes", "gauge", "Memory in use");
    StringBuilder limit = header("perfshop_container_memory_limit_bytes", "gauge", "Memory limit");
    StringBuilder rx =
        header("perfshop_container_network_receive_bytes_total", "counter", "Bytes received");
    StringBuilder tx =
        header("perfshop_container_network_transmit_bytes_total", "counter", "Bytes sent");
    List<DockerEngine.LabContainer> containers = engine.containers(project);
    // A stats sample takes the engine about a second per container: take them all at once.
    Map<String, Optional<DockerEngine.Stats>> stats = new HashMap<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<Optional<DockerEngine.Stats>>> pending = new HashMap<>();
      for (DockerEngine.LabContainer c : containers) {
        if ("running".equals(c.state())) {
          pending.put(c.id(), pool.submit(() -> engine.stats(c.id())));
        }
      }
      for (var e : pending.entrySet()) {
        try {
          stats.put(e.getKey(), e.getValue().get());
        } catch (ExecutionException failed) {
          stats.put(e.getKey(), Optional.empty());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (DockerEngine.LabContainer c : containers) {
      String labels =
          "{service=\"" + escape(c.service()) + "\",container=\"" + escape(c.name()) + "\"}";
      boolean running = "running".equals(c.state());
      line(up, labels, running ? 1 : 0);
      line(
          healthy,
          labels,
          running && !"unhealthy".equals(c.health()) && !"starting".equals(c.health()) ? 1 : 0);
      line(restarts, labels, c.restarts());
      Optional<DockerEngine.Stats> s = stats.getOrDefault(c.id(), Optional.empty());
      if (s.isPresent()) {
        line(cpu, labels, s.get().cpuSeconds());
        line(mem, labels, s.get().memoryBytes());
        line(limit, labels, s.get().memoryLimitBytes());
        line(rx, labels, s.get().rxBytes());
        line(tx, labels, s.get().txBytes());
      }
    }
    return new StringBuilder()
        .append(up)
        .append(healthy)
        .append(restarts)
        .append(cpu)
        .append(mem)
        .append(limit)
        .append(rx)
        .append(tx)
        .toString();
  }

  private static StringBuilder header(String name, String type, String help) {
    return new StringBuilder(
        "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n");
  }

  private static void line(StringBuilder sb, String labels, double value) {
    String name =
        sb.substring(sb.indexOf("# TYPE ") + 7, sb.indexOf(" ", sb.indexOf("# TYPE ") + 7));
    sb.append(name)
        .append(labels)
        .append(' ')
        .append(
            value == Math.rint(value)
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.6f", value))
        .append('\n');
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /**
   * Serves {@code /metrics} until the process ends. A sampler refreshes the metrics every {@code
   * every} in the background, so a scrape (or a healthcheck) answers at once with the latest sample
   * instead of waiting a second per container for the engine's statistics.
   */
  public Serving serve(String bind, int port, Duration every, PrintWriter err) throws IOException {
    AtomicReference<String> latest = new AtomicReference<>();
    AtomicReference<String> failure = new AtomicReference<>();
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lab-monitor-sampler");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleWithFixedDelay(
        () -> {
          try {
            latest.set(scrape());
            failure.set(null);
          } catch (RuntimeException e) {
            failure.set(String.valueOf(e.getMessage()));
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body;
          int status = 200;
          String text = latest.get();
          if (failure.get() != null || text == null) {
            status = 503;
            text =
                "# "
                    + (failure.get() != null
                        ? "the engine did not answer: " + failure.get()
                        : "first sample not taken yet")
                    + "\n";
          }
          body = text.getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    err.println(
        "perfshop lab monitor: container metrics of "
            + project
            + " on http://"
            + bind
            + ":"
            + port
            + "/metrics");
    err.flush();
    return new Serving(server, sampler);
  }

  /** The running monitor: its HTTP server and its sampler; closing stops both. */
  public record Serving(HttpServer server, ScheduledExecutorService sampler)
      implements AutoCloseable {
    public int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
      sampler.shutdownNow();
    }
  }
}
