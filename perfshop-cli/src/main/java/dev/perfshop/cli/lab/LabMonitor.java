package dev.perfshop.cli.lab;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /** One scrape: every container of the project, running or not, in the Prometheus text format. */
  public String scrape() {
    List<DockerEngine.LabContainer> containers = engine.containers(project);
    Map<String, Optional<DockerEngine.Stats>> stats = sample(containers);
    Series up = new Series("1 when the container is running");
    Series healthy = new Series("1 healthy, 0 otherwise (no healthcheck: same as up)");
    Series restarts = new Series("Restarts by the restart policy");
    Series cpu = new Series("CPU time used");
    Series mem = new Series("Memory in use");
    Series limit = new Series("Memory limit");
    Series rx = new Series("Bytes received");
    Series tx = new Series("Bytes sent");
    for (DockerEngine.LabContainer c : containers) {
      Labels labels = Labels.of("service", c.service(), "container", c.name());
      boolean running = "running".equals(c.state());
      up.add(labels, running ? 1 : 0);
      healthy.add(
          labels,
          running && !"unhealthy".equals(c.health()) && !"starting".equals(c.health()) ? 1 : 0);
      restarts.add(labels, c.restarts());
      Optional<DockerEngine.Stats> s = stats.getOrDefault(c.id(), Optional.empty());
      if (s.isPresent()) {
        cpu.add(labels, s.get().cpuSeconds());
        mem.add(labels, s.get().memoryBytes());
        limit.add(labels, s.get().memoryLimitBytes());
        rx.add(labels, s.get().rxBytes());
        tx.add(labels, s.get().txBytes());
      }
    }
    MetricSnapshots snapshots =
        new MetricSnapshots(
            up.gauge("perfshop_container_up"),
            healthy.gauge("perfshop_container_healthy"),
            restarts.counter("perfshop_container_restarts"),
            cpu.counter("perfshop_container_cpu_seconds"),
            mem.gauge("perfshop_container_memory_bytes"),
            limit.gauge("perfshop_container_memory_limit_bytes"),
            rx.counter("perfshop_container_network_receive_bytes"),
            tx.counter("perfshop_container_network_transmit_bytes"));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try {
      FORMAT.write(text, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  private static final PrometheusTextFormatWriter FORMAT = PrometheusTextFormatWriter.create();

  /** A stats sample takes the engine about a second per container: take them all at once. */
  private Map<String, Optional<DockerEngine.Stats>> sample(
      List<DockerEngine.LabContainer> containers) {
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
    return stats;
  }

  /** The samples of one metric, one per container; the counters' names get their _total. */
  private static final class Series {
    private final String help;
    private final List<Labels> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    Series(String help) {
      this.help = help;
    }

    void add(Labels l, double value) {
      labels.add(l);
      values.add(value);
    }

    GaugeSnapshot gauge(String name) {
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
      for (int i = 0; i < values.size(); i++) {
        b.dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels.get(i))
                .value(values.get(i))
                .build());
      }
      return b.build();
    }

    CounterSnapshot counter(String name) {
      CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
      for (int i = 0; i < values.size(); i++) {
        b.dataPoint(
            CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels.get(i))
                .value(values.get(i))
                .build());
      }
      return b.build();
    }
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
