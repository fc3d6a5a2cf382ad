package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier's logic against small fake backends (the real lab is checked by
 * LabIntegrationTests): a signal that never shows the tagged request fails with its name, a backend
 * that is not running is a skip with the profile to add.
 */
class LabVerifierTests {

  HttpServer server;
  HttpServer prometheus;
  HttpServer tempo;
  final AtomicInteger productReads = new AtomicInteger();
  final StringBuilder seen = new StringBuilder();

  @AfterEach
  void stop() {
    for (HttpServer s : new HttpServer[] {server, prometheus, tempo}) {
      if (s != null) {
        s.stop(0);
      }
    }
  }

  @Test
  void aCountedRequestAndAFoundTracePassAndMissingBackendsAreSkippedWithTheirProfile()
      throws Exception {
    startServer();
    prometheus = fakePrometheus(true);
    tempo = fake(200, "{\"batches\":[]}");
    List<LabVerifier.Check> checks =
        verifier(Set.of("perfshop-server", "prometheus", "tempo")).run();

    assertThat(status(checks, "server")).isEqualTo(LabVerifier.Status.OK);
    assertThat(status(checks, "metric (Prometheus)")).isEqualTo(LabVerifier.Status.OK);
    assertThat(status(checks, "trace (Tempo)")).isEqualTo(LabVerifier.Status.OK);
    assertThat(checks)
        .filteredOn(c -> c.signal().equals("log line (Loki)"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(LabVerifier.Status.SKIP);
              assertThat(c.detail()).contains("profile logs");
            });
    // the tagged requests carried our trace id and request id
    assertThat(seen.toString().toLowerCase(java.util.Locale.ROOT))
        .contains("traceparent=00-", "x-request-id=lab-verify-");
  }

  @Test
  void aSignalThatNeverShowsTheTaggedRequestFailsAndSaysWhat() throws Exception {
    startServer();
    prometheus = fakePrometheus(false);
    tempo = fake(404, "trace not found");
    List<LabVerifier.Check> checks =
        verifier(Set.of("perfshop-server", "prometheus", "tempo")).run();

    assertThat(status(checks, "metric (Prometheus)")).isEqualTo(LabVerifier.Status.FAIL);
    assertThat(detail(checks, "metric (Prometheus)")).contains("not counted");
    assertThat(status(checks, "trace (Tempo)")).isEqualTo(LabVerifier.Status.FAIL);
    assertThat(detail(checks, "trace (Tempo)")).contains("not found");
  }

  @Test
  void aServerThatIsNotRunningFailsAtOnce() {
    List<LabVerifier.Check> checks = verifier(Set.of("mysql")).run();
    assertThat(checks)
        .singleElement()
        .extracting(LabVerifier.Check::status)
        .isEqualTo(LabVerifier.Status.FAIL);
  }

  LabVerifier verifier(Set<String> running) {
    Map<String, Integer> ports =
        Map.of(
            "SERVER_PORT", server == null ? 1 : server.getAddress().getPort(),
            "PROMETHEUS_PORT", prometheus == null ? 1 : prometheus.getAddress().getPort(),
            "TEMPO_PORT", tempo == null ? 1 : tempo.getAddress().getPort());
    return new LabVerifier(
        new LabVerifier.Target("127.0.0.1", ports::get, running, "pw"),
        Duration.ofSeconds(2),
        Clock.systemUTC());
  }

  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          ex.getRequestHeaders()
              .forEach((k, v) -> seen.append(k).append('=').append(v.getFirst()).append('\n'));
          int status =
              switch (path) {
                case "/actuator/health/readiness" -> 200;
                case "/api/products" -> {
                  productReads.incrementAndGet();
                  yield 200;
                }
                case "/api/admin/stats" -> 401;
                default -> 404;
              };
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  /** Answers the product-read count as the server saw it, or a count that never moves. */
  HttpServer fakePrometheus(boolean counts) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext(
        "/api/v1/query",
        ex -> {
          int value = counts ? productReads.get() : 0;
          byte[] body =
              ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                      + "\"value\":[1,\""
                      + value
                      + "\"]}]}}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    s.start();
    return s;
  }

  HttpServer fake(int status, String text) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext(
        "/",
        ex -> {
          byte[] body = text.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    s.start();
    return s;
  }

  static LabVerifier.Status status(List<LabVerifier.Check> checks, String signal) {
    return checks.stream()
        .filter(c -> c.signal().equals(signal))
        .findFirst()
        .orElseThrow()
        .status();
  }

  static String detail(List<LabVerifier.Check> checks, String signal) {
    return checks.stream()
        .filter(c -> c.signal().equals(signal))
        .findFirst()
        .orElseThrow()
        .detail();
  }
}
