package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's server image with its two agents switched on, as variant linux builds it: the
 * OpenTelemetry agent traces the requests (printed by its console exporter instead of sent to
 * Tempo, which cannot run offline), the server's JSON log lines carry the same trace ids (the
 * trace-to-logs link), and the Pyroscope agent starts profiling. The lab e2e test runs the image
 * with both agents off, because their backends are not part of it.
 */
class LabServerImageTests {

  @TempDir Path tmp;

  @Test
  void theAgentsTraceRequestsCorrelateLogsAndProfileInTheImage() throws Exception {
    LabPreflightTests.requireEngine();
    Path agents = LabSupport.repo().resolve("perfshop-cli/target/lab-agents");
    LabSupport.require(
        Files.isRegularFile(LabSupport.serverJar())
            && Files.isRegularFile(agents.resolve("opentelemetry-javaagent.jar"))
            && Files.isRegularFile(agents.resolve("pyroscope.jar")),
        "the server jar and the lab agents",
        "build the reactor first");
    String jre = LocalImages.image("SERVER_BASE_IMAGE");

    Workspace ws = new Workspace(tmp, "image");
    ws.render(
        Templates.fromDirectory(LabSupport.templates()),
        new LabSpec(
            "image",
            EnumSet.of(Profile.CORE),
            Variant.LINUX,
            new LabPorts(0),
            ImageOverrides.none(),
            "127.0.0.1",
            List.of()),
        new ServerArtifacts(
            LabSupport.serverJar(),
            List.of(agents.resolve("opentelemetry-javaagent.jar"), agents.resolve("pyroscope.jar")),
            monitorStandIn()),
        "test");
    String tag = "perfshop-test/server-agents:" + UUID.randomUUID().toString().substring(0, 8);
    String name = "perfshop-test-server-agents-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      Run build =
          docker(
              "build",
              "-q",
              "-t",
              tag,
              "--build-arg",
              "SERVER_BASE_IMAGE=" + jre,
              ws.dir().resolve("server").toString());
      assertThat(build.code()).as(build.out()).isZero();
      Run start =
          docker(
              "run",
              "-d",
              "--name",
              name,
              "-e",
              "OTEL_SERVICE_NAME=perfshop-server",
              "-e",
              "OTEL_TRACES_EXPORTER=console",
              "-e",
              "OTEL_METRICS_EXPORTER=none",
              "-e",
              "OTEL_LOGS_EXPORTER=none",
              "-e",
              "PYROSCOPE_APPLICATION_NAME=perfshop-server",
              "-e",
              "PYROSCOPE_SERVER_ADDRESS=http://127.0.0.1:4040",
              "-e",
              "PYROSCOPE_FORMAT=jfr",
              "-e",
              "PYROSCOPE_PROFILER_EVENT=itimer",
              "-e",
              "PERFSHOP_ADMIN_TOKEN=" + "t".repeat(40),
              tag);
      assertThat(start.code()).as(start.out()).isZero();
      boolean ready = false;
      for (int i = 0; i < 180 && !ready; i++) {
        ready =
            docker(
                        "exec",
                        name,
                        "curl",
                        "-sf",
                        "-o",
                        "/dev/null",
                        "http://127.0.0.1:8080/actuator/health/readiness")
                    .code()
                == 0;
        if (!ready) {
          Thread.sleep(1000);
        }
      }
      assertThat(ready).as(docker("logs", "--tail", "40", name).out()).isTrue();
      Run products =
          docker(
              "exec",
              name,
              "curl",
              "-s",
              "-o",
              "/dev/null",
              "-w",
              "%{http_code}",
              "http://127.0.0.1:8080/api/products");
      assertThat(products.out().strip())
          .as("no licence in this image: the gate answers")
          .isEqualTo("402");

      String logs = "";
      Matcher span = null;
      for (int i = 0; i < 30; i++) {
        logs = docker("logs", name).out();
        span =
            Pattern.compile(
                    "LoggingSpanExporter - 'GET /api/products' : ([0-9a-f]{32}) \\S+ SERVER")
                .matcher(logs);
        if (span.find()) {
          break;
        }
        span = null;
        Thread.sleep(1000);
      }
      assertThat(span).as("a SERVER span of GET /api/products in\n" + tail(logs)).isNotNull();
      assertThat(logs).as("the Pyroscope agent runs").contains("Profiling started");
      // Trace-to-logs: the server's JSON log lines carry the trace ids of the spans.
      Matcher logged = Pattern.compile("\"trace_id\":\"([0-9a-f]{32})\"").matcher(logs);
      List<String> loggedIds = new ArrayList<>();
      while (logged.find()) {
        loggedIds.add(logged.group(1));
      }
      List<String> spanIds = new ArrayList<>();
      Matcher spans =
          Pattern.compile("LoggingSpanExporter - '[^']*' : ([0-9a-f]{32})").matcher(logs);
      while (spans.find()) {
        spanIds.add(spans.group(1));
      }
      assertThat(loggedIds).as("log lines with a trace id").isNotEmpty();
      assertThat(spanIds).containsAnyElementsOf(loggedIds);
    } finally {
      docker("rm", "-f", name);
      docker("rmi", "-f", tag);
    }
  }

  /** The monitor's build context is rendered too but not built here: any jar file will do. */
  Path monitorStandIn() throws IOException {
    Files.createDirectories(tmp.resolve("cli/lib/lab"));
    Files.writeString(tmp.resolve("cli/perfshop-cli-lab.jar"), "not built in this test");
    return Files.writeString(tmp.resolve("cli/perfshop-cli.jar"), "not built in this test");
  }

  record Run(int code, String out) {}

  static Run docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Run(-1, out);
    }
    return new Run(p.exitValue(), out);
  }

  static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
