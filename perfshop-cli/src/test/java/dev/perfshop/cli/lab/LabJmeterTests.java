package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.support.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The qa profile's JMeter one-shot for real, without any network: the jmeter image is built with
 * {@code docker build} from the build context {@code lab up} renders (the Dockerfile plus the
 * JMeter runtime the Maven build resolved from Maven Central) on the local Java base image, then
 * runs the shipped {@code browse.jmx} for a few seconds against a real server process (host
 * network). The CSV results written to a mounted folder hold successful samples of both requests,
 * and the Prometheus listener served {@code jmeter_} metrics while the plan ran.
 */
class LabJmeterTests {

  static final String PREFIX = "perfshop-qa-test";

  @TempDir Path tmp;
  final String suffix = Long.toString(ProcessHandle.current().pid());
  final List<String> containers = new ArrayList<>();
  final List<String> images = new ArrayList<>();

  @AfterEach
  void removeWhatWasCreated() {
    for (String c : containers) {
      LabSupport.run(List.of("docker", "rm", "-f", c));
    }
    for (String i : images.reversed()) {
      LabSupport.run(List.of("docker", "rmi", "-f", i));
    }
  }

  @Test
  void theBrowsePlanRunsAgainstARealServerRecordsSuccessfulSamplesAndExportsPrometheusMetrics()
      throws Exception {
    requireEngineBaseImageAndRuntime();

    // The workspace of a qa lab, rendered as `lab up` does: the jmeter build context is complete.
    Workspace ws = new Workspace(tmp.resolve(".perfshop"), "jmeter");
    ws.render(
        Templates.fromDirectory(LabSupport.templates()),
        new LabSpec(
            "jmeter",
            EnumSet.of(Profile.CORE, Profile.QA),
            Variant.DESKTOP,
            new LabPorts(0),
            ImageOverrides.none(),
            "127.0.0.1",
            List.of()),
        null,
        "test");
    Path context = ws.dir().resolve("jmeter");
    assertThat(context.resolve("Dockerfile")).isRegularFile();
    assertThat(context.resolve("runtime/bin/ApacheJMeter.jar")).isRegularFile();
    assertThat(context.resolve("runtime/bin/jmeter.properties")).isRegularFile();
    assertThat(context.resolve("runtime/lib/ext/ApacheJMeter_http.jar")).isRegularFile();
    assertThat(context.resolve("runtime/lib/ext/jmeter-prometheus-plugin.jar")).isRegularFile();

    String image = PREFIX + "/jmeter:" + suffix;
    long start = System.nanoTime();
    Result build =
        docker(
            Duration.ofMinutes(10),
            "build",
            "-q",
            "--build-arg",
            "JMETER_BASE_IMAGE=" + base(),
            "-t",
            image,
            context.toString());
    images.add(image);
    assertThat(build.code()).as("docker build\n" + build.out()).isZero();
    long buildMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    Result size = docker(Duration.ofMinutes(1), "image", "inspect", "-f", "{{.Size}}", image);
    System.err.printf(
        "jmeter image built offline in %d ms, %d MB%n",
        buildMillis, Long.parseLong(size.out().strip()) >> 20);

    ServerProcess server = ServerProcess.get();
    int serverPort = URI.create(server.url()).getPort();
    int metricsPort = LabSupport.freePort();
    Path results = Files.createDirectories(tmp.resolve("results"));
    String name = PREFIX + "-jmeter-" + suffix;
    containers.add(name);
    Result run =
        docker(
            Duration.ofMinutes(1),
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "host",
            "-v",
            LabSupport.templates().resolve("config/jmeter/plans") + ":/plans:ro",
            "-v",
            results + ":/results",
            image,
            "-n",
            "-t",
            "/plans/browse.jmx",
            "-f",
            "-l",
            "/results/browse.jtl",
            "-j",
            "/results/jmeter.log",
            "-Jhost=127.0.0.1",
            "-Jport=" + serverPort,
            "-Jusers=3",
            "-Jduration=10",
            "-Jprometheus.ip=127.0.0.1",
            "-Jprometheus.port=" + metricsPort,
            "-Jprometheus.delay=0");
    assertThat(run.code()).as("docker run\n" + run.out()).isZero();

    // While the plan runs, the listener serves the plan's histogram with successful samples.
    double served = 0;
    String metrics = "";
    Pattern ok = Pattern.compile("(?m)^jmeter_requests_count\\{[^}]*code=\"200\"[^}]*} (\\S+)$");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (served == 0 && System.nanoTime() < deadline && running(name)) {
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            metrics = r.body();
            Matcher m = ok.matcher(metrics);
            while (m.find()) {
              served += Double.parseDouble(m.group(1));
            }
          }
        } catch (IOException notListeningYet) {
          // the listener starts with the test
        }
        Thread.sleep(500);
      }
    }
    assertThat(served)
        .as(
            "jmeter_requests_count{code=\"200\"} on :%d while the plan ran:%n%s",
            metricsPort, metrics)
        .isGreaterThan(0);

    Result waited = docker(Duration.ofMinutes(2), "wait", name);
    String logs = docker(Duration.ofMinutes(1), "logs", name).out();
    assertThat(waited.out().strip()).as("jmeter exit code\n" + logs).isEqualTo("0");
    assertThat(logs).contains("end of run");

    List<Map<String, String>> samples = readCsv(results.resolve("browse.jtl"));
    Map<String, Integer> byLabelAndCode = new TreeMap<>();
    for (Map<String, String> s : samples) {
      byLabelAndCode.merge(s.get("label") + " " + s.get("responseCode"), 1, Integer::sum);
    }
    System.err.println("jmeter samples by label and code: " + byLabelAndCode);
    assertThat(samples).as("samples in the JTL").hasSizeGreaterThan(10);
    assertThat(samples)
        .allSatisfy(
            s -> {
              assertThat(s.get("responseCode")).as(s.toString()).isEqualTo("200");
              assertThat(s.get("success")).as(s.toString()).isEqualTo("true");
            });
    assertThat(samples).extracting(s -> s.get("label")).contains("list products", "product detail");
  }

  @Test
  void theComposeOneShotIsBuiltFromTheWorkspaceWritesItsResultsThereAndIsReachableAsJmeter9270()
      throws Exception {
    requireEngineBaseImageAndRuntime();
    List<String> composeCommand = LabSupport.compose();
    LabSupport.require(composeCommand != null, "Docker Compose", "apt-get install docker-compose");
    String image = PREFIX + "/jmeter-compose:" + suffix;
    Path override =
        Files.writeString(
            tmp.resolve("images.override"),
            "JMETER_BASE_IMAGE = " + base() + "\nJMETER_IMAGE = " + image + "\n");
    String name = "qa-test";
    String project = LabSpec.project(name);
    Workspace ws = new Workspace(tmp.resolve(".perfshop"), name);
    ws.render(
        Templates.fromDirectory(LabSupport.templates()),
        new LabSpec(
            name,
            EnumSet.of(Profile.CORE, Profile.QA),
            Variant.DESKTOP,
            new LabPorts(0),
            ImageOverrides.read(override),
            "127.0.0.1",
            List.of()),
        null,
        "test");
    Compose compose = Compose.of(composeCommand);
    String container = PREFIX + "-jmeter-compose-" + suffix;
    containers.add(container);
    images.add(image);
    try {
      // The documented one-shot with its shipped command (browse.jmx, 5 users), detached so that
      // the test can look at it. No perfshop-server runs in this project: JMETER_HOST/PORT aim
      // at a closed port, every sample fails at once, and samples and metrics are still recorded.
      ProcessBuilder run =
          new ProcessBuilder(
                  compose.line(
                      ws.dir(),
                      project,
                      ws.meta().composeFiles(),
                      List.of(
                          "--profile",
                          "qa-run",
                          "run",
                          "-d",
                          "--use-aliases",
                          "--name",
                          container,
                          "jmeter")))
              .directory(ws.dir().toFile())
              .redirectErrorStream(true);
      run.environment().remove("COMPOSE_FILE");
      run.environment().remove("COMPOSE_PROJECT_NAME");
      run.environment().put("COMPOSE_HTTP_TIMEOUT", "600");
      run.environment().put("JMETER_HOST", "127.0.0.1");
      run.environment().put("JMETER_PORT", "1");
      run.environment().put("JMETER_DURATION", "10");
      Process p = run.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0)
          .as("compose run\n" + out)
          .isTrue();

      // What Prometheus does: another container of the lab network scrapes jmeter:9270.
      String network =
          docker(
                  Duration.ofSeconds(30),
                  "inspect",
                  "-f",
                  "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}",
                  container)
              .out()
              .strip();
      assertThat(network).as("the lab network").isEqualTo(project);
      String metrics = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!metrics.contains("jmeter_requests_count{")
          && System.nanoTime() < deadline
          && running(container)) {
        Thread.sleep(1000);
        metrics =
            docker(
                    Duration.ofSeconds(30),
                    "run",
                    "--rm",
                    "--network",
                    network,
                    base(),
                    "curl",
                    "-s",
                    "http://jmeter:9270/metrics")
                .out();
      }
      assertThat(metrics)
          .as("jmeter:9270/metrics on the lab network")
          .contains("jmeter_requests_count{");

      Result waited = docker(Duration.ofMinutes(3), "wait", container);
      assertThat(waited.out().strip())
          .as("jmeter exit code\n" + docker(Duration.ofMinutes(1), "logs", container).out())
          .isEqualTo("0");
      List<Map<String, String>> samples = readCsv(ws.dir().resolve("jmeter-results/browse.jtl"));
      assertThat(samples)
          .isNotEmpty()
          .extracting(s -> s.get("label"))
          .contains("list products", "product detail");
      assertThat(samples).allSatisfy(s -> assertThat(s.get("success")).isEqualTo("false"));
      assertThat(ws.dir().resolve("jmeter-results/jmeter.log")).isNotEmptyFile();
    } finally {
      LabSupport.run(List.of("docker", "rm", "-f", container));
      Compose.run(
          compose.line(ws.dir(), project, ws.meta().composeFiles(), List.of("down")),
          ws.dir(),
          line -> {});
    }
  }

  static String base() {
    return LocalImages.image("JMETER_BASE_IMAGE");
  }

  /** The real parts: a Docker engine, the local Java base image, the Maven-built JMeter runtime. */
  void requireEngineBaseImageAndRuntime() throws Exception {
    LabSupport.require(
        LabIntegrationTests.engineProblem().isEmpty(), "a Docker engine", ".ci/run starts one");
    // The local Java base image, as scripts/lab-local-images names it (built when missing).
    String base = base();
    // The Prometheus listener serves with the JDK's HTTP server (the JRE images have it).
    LabSupport.require(
        docker(
                Duration.ofMinutes(1),
                "run",
                "--rm",
                "--network",
                "none",
                base,
                "java",
                "--list-modules")
            .out()
            .contains("jdk.httpserver@"),
        "jdk.httpserver in " + base + " (local images made before it was added)",
        "rebuild the local images: scripts/lab-local-images");
    LabSupport.require(
        JmeterRuntime.find(Path.of("")).isPresent(),
        "the JMeter runtime (" + JmeterRuntime.CHECKOUT_PATH + ")",
        "build the reactor: ./mvnw -pl perfshop-cli -am verify (module lab-jmeter resolves it)");
  }

  static boolean running(String container) throws Exception {
    Result r = docker(Duration.ofSeconds(30), "inspect", "-f", "{{.State.Running}}", container);
    return r.code() == 0 && r.out().strip().equals("true");
  }

  record Result(int code, String out) {}

  static Result docker(Duration timeout, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + cmd);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** A JMeter CSV results file (header line first; fields quoted when they hold a comma). */
  static List<Map<String, String>> readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).as(file + " has a header and samples").hasSizeGreaterThan(1);
    List<String> header = fields(lines.getFirst());
    assertThat(header).contains("label", "responseCode", "success");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = fields(line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size() && i < f.size(); i++) {
        row.put(header.get(i), f.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
