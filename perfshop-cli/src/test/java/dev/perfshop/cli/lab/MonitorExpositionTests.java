package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitor's scrape, written by the Prometheus client library's text format writer, from an
 * engine that answers like Docker (the real engine is LabMonitorTests): every metric the containers
 * dashboard reads, with the service and container labels, escaped.
 */
class MonitorExpositionTests {

  @Test
  void aRunningAndAStoppedContainerGiveEveryMetricWithTheirLabels() {
    String text = new LabMonitor(new TwoContainers(), "lab").scrape();

    for (String metric : LabMonitor.METRICS) {
      assertThat(text).contains("# TYPE " + metric + " ");
    }
    assertThat(value(text, "perfshop_container_up", "web")).isEqualTo(1);
    assertThat(value(text, "perfshop_container_up", "db")).isEqualTo(0);
    assertThat(value(text, "perfshop_container_healthy", "web")).isEqualTo(1);
    assertThat(value(text, "perfshop_container_restarts_total", "db")).isEqualTo(3);
    assertThat(value(text, "perfshop_container_cpu_seconds_total", "web")).isEqualTo(12.5);
    assertThat(value(text, "perfshop_container_memory_bytes", "web")).isEqualTo(256L << 20);
    assertThat(value(text, "perfshop_container_network_transmit_bytes_total", "web"))
        .isEqualTo(2048);
    // a stopped container has no stats sample: no CPU series for it
    assertThat(text).doesNotContain("perfshop_container_cpu_seconds_total{container=\"lab-db-1\"");
    // label values are escaped as the format requires
    assertThat(text).contains("container=\"we\\\"ird\"");
  }

  private static double value(String text, String metric, String service) {
    Matcher m =
        Pattern.compile("(?m)^" + metric + "\\{[^}]*service=\"" + service + "\"[^}]*} (\\S+)$")
            .matcher(text);
    assertThat(m.find()).as(metric + " of " + service + " in\n" + text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** web runs (healthy, with stats), db exited after 3 restarts; one oddly named container. */
  static final class TwoContainers implements DockerEngine {
    @Override
    public List<LabContainer> containers(String project) {
      return List.of(
          new LabContainer("w", "lab-web-1", "web", "running", "healthy", 0, 0, "Up"),
          new LabContainer("d", "lab-db-1", "db", "exited", "none", 1, 3, "Exited"),
          new LabContainer("q", "we\"ird", "odd", "exited", "none", 0, 0, "Exited"));
    }

    @Override
    public Optional<Stats> stats(String containerId) {
      return "w".equals(containerId)
          ? Optional.of(new Stats(12.5, 256L << 20, 1L << 30, 1024, 2048))
          : Optional.empty();
    }

    @Override
    public EngineInfo info() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void logs(String containerId, int tail, boolean follow, Consumer<String> sink) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String containerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void kill(String containerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pause(String containerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void unpause(String containerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void restart(String containerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void tag(String source, String target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
