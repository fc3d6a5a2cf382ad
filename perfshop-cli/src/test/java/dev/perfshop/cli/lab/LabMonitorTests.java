package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.lab.engines.DockerJavaEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container-metrics exporter on a real engine: a labelled container shows up, with usage. */
class LabMonitorTests {

  static final String PROJECT = "perfshop-monitortest";
  String container;

  @AfterEach
  void removeContainer() {
    if (container != null) {
      LabSupport.run(List.of("docker", "rm", "-f", container));
    }
  }

  @Test
  void aRunningLabContainerIsExportedWithCpuMemoryAndRestarts() throws Exception {
    LabSupport.require(
        LabIntegrationTests.engineProblem().isEmpty(), "a Docker engine", ".ci/run starts one");
    String image = LocalImages.image("BASE_IMAGE");
    Process p =
        new ProcessBuilder(
                "docker",
                "run",
                "-d",
                "--network",
                "none",
                "--label",
                "com.docker.compose.project=" + PROJECT,
                "--label",
                "com.docker.compose.service=burner",
                image,
                "sh",
                "-c",
                "i=0; while [ $i -lt 3000000 ]; do i=$((i+1)); done; sleep 300")
            .redirectErrorStream(true)
            .start();
    container = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).as(container).isZero();

    try (DockerJavaEngine engine = DockerJavaEngine.connect()) {
      LabMonitor monitor = new LabMonitor(engine, PROJECT);
      Thread.sleep(1500);
      String text = monitor.scrape();
      // the exposition library orders labels by name: match the series, not the order
      assertThat(text)
          .containsPattern("perfshop_container_up\\{[^}]*service=\"burner\"")
          .containsPattern("perfshop_container_restarts_total\\{[^}]*service=\"burner\"");
      assertThat(value(text, "perfshop_container_up")).isEqualTo(1);
      assertThat(value(text, "perfshop_container_cpu_seconds_total")).isGreaterThan(0);
      assertThat(value(text, "perfshop_container_memory_bytes")).isGreaterThan(0);
      for (String metric : LabMonitor.METRICS) {
        assertThat(text).contains("# TYPE " + metric + " ");
      }

      try (var serving =
              monitor.serve(
                  "127.0.0.1",
                  LabSupport.freePort(),
                  java.time.Duration.ofSeconds(1),
                  new java.io.PrintWriter(System.err));
          HttpClient http = HttpClient.newHttpClient()) {
        HttpRequest metrics =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.port() + "/metrics"))
                .build();
        // 503 until the sampler's first sample (about a second), then the latest sample.
        HttpResponse<String> r = http.send(metrics, HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 50 && r.statusCode() == 503; i++) {
          Thread.sleep(200);
          r = http.send(metrics, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(r.body()).containsPattern("perfshop_container_up\\{[^}]*service=\"burner\"");
      }

      LabSupport.run(List.of("docker", "kill", container));
      assertThat(value(monitor.scrape(), "perfshop_container_up"))
          .as("killed container reported down")
          .isEqualTo(0);
    }
  }

  static double value(String text, String metric) {
    Matcher m =
        Pattern.compile("(?m)^" + metric + "\\{[^}]*service=\"burner\"[^}]*} (\\S+)$")
            .matcher(text);
    assertThat(m.find()).as(metric + " in\n" + text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
