package dev.perfshop.cli.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    for (DockerEngine.LabContainer c : engine.containers(project)) {
      String labels =
          "{service=\"" + escape(c.service()) + "\",container=\"" + escape(c.name()) + "\"}";
      boolean running = "running".equals(c.state());
      line(up, labels, running ? 1 : 0);
      line(
          healthy,
          labels,
          running && !"unhealthy".equals(c.health()) && !"starting".equals(c.health()) ? 1 : 0);
      line(restarts, labels, c.restarts());
      Optional<DockerEngine.Stats> s = running ? engine.stats(c.id()) : Optional.empty();
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

  /** Serves {@code /metrics} until the process ends. */
  public HttpServer serve(String bind, int port, PrintWriter err) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body;
          int status = 200;
          try {
            body = scrape().getBytes(StandardCharsets.UTF_8);
          } catch (RuntimeException e) {
            status = 503;
            body = ("# scrape failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
          }
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
    return server;
  }
}
