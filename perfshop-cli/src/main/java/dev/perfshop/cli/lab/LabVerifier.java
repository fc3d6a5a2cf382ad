package dev.perfshop.cli.lab;

import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.lab.LabHttp.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * {@code perfshop lab verify}: each signal of a running lab checked end to end. Two tagged requests
 * go to the server — a shop read carrying a W3C {@code traceparent} of our own, and a refused admin
 * call carrying our {@code X-Request-ID} (the server logs refused admin calls with the request id)
 * — then every running backend must show them: the metric in Prometheus, the log line in Loki and
 * OpenSearch, the trace in Tempo, a profile of the server in Pyroscope, healthy Grafana data
 * sources and loadable dashboards. A backend that does not run is a named skip.
 */
final class LabVerifier {

  enum Status {
    OK,
    FAIL,
    SKIP
  }

  record Check(String signal, Status status, String detail) {}

  /** Where the lab answers: its host, its published ports, the Grafana admin password. */
  record Target(
      String host,
      java.util.function.ToIntFunction<String> ports,
      Set<String> running,
      String grafanaPassword) {

    URI uri(String portVariable, String pathAndQuery) {
      return URI.create("http://" + host + ":" + ports.applyAsInt(portVariable) + pathAndQuery);
    }
  }

  /** Data source uids that name the lab service they query (provisioned with fixed uids). */
  private static final Set<String> BACKENDS =
      Set.of("prometheus", "tempo", "loki", "pyroscope", "opensearch");

  private final Target target;
  private final Patience patience;
  private final Clock clock;
  private final LabHttp http = new LabHttp();
  private final String traceId;
  private final String requestId;

  LabVerifier(Target target, Duration patience, Clock clock) {
    this.target = target;
    this.patience = new Patience(patience, clock);
    this.clock = clock;
    SecureRandom random = new SecureRandom();
    byte[] trace = new byte[16];
    random.nextBytes(trace);
    this.traceId = HexFormat.of().formatHex(trace);
    byte[] tag = new byte[6];
    random.nextBytes(tag);
    this.requestId = "lab-verify-" + HexFormat.of().formatHex(tag);
  }

  String traceId() {
    return traceId;
  }

  String requestId() {
    return requestId;
  }

  List<Check> run() {
    List<Check> checks = new ArrayList<>();
    if (!target.running().contains("perfshop-server")) {
      checks.add(
          new Check("server", Status.FAIL, "perfshop-server is not running (perfshop lab status)"));
      return checks;
    }
    Response ready = get(target.uri("SERVER_PORT", "/actuator/health/readiness"), Map.of());
    checks.add(
        ready.status() == 200
            ? new Check("server", Status.OK, "ready")
            : new Check("server", Status.FAIL, "readiness answered " + ready.describe()));
    if (ready.status() != 200) {
      return checks;
    }
    boolean prometheus = target.running().contains("prometheus");
    double before = prometheus ? productReads() : 0;
    Response shop =
        get(
            target.uri("SERVER_PORT", "/api/products?size=1"),
            Map.of(
                "traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(span()) + "-01",
                "X-Request-ID", requestId + "-shop"));
    Response refused =
        get(
            target.uri("SERVER_PORT", "/api/admin/stats"),
            Map.of("X-Admin-Token", "lab-verify-deliberately-wrong", "X-Request-ID", requestId));
    checks.add(
        shop.status() == 200 || shop.status() == 402
            ? new Check("tagged requests", Status.OK, "trace " + traceId + ", request " + requestId)
            : new Check("tagged requests", Status.FAIL, "GET /api/products: " + shop.describe()));
    if (refused.status() != 401) {
      checks.add(
          new Check(
              "tagged requests",
              Status.FAIL,
              "a wrong admin token should be 401: " + refused.describe()));
    }

    checks.add(prometheus ? metric(before) : skip("metric (Prometheus)", "prometheus"));
    checks.add(prometheus ? monitor() : skip("containers (monitor)", "prometheus"));
    checks.add(running("loki") ? loki() : skip("log line (Loki)", "loki"));
    checks.add(running("opensearch") ? opensearch() : skip("log line (OpenSearch)", "opensearch"));
    checks.add(running("tempo") ? tempo() : skip("trace (Tempo)", "tempo"));
    checks.add(running("pyroscope") ? pyroscope() : skip("profile (Pyroscope)", "pyroscope"));
    if (running("grafana")) {
      checks.addAll(grafana());
    } else {
      checks.add(skip("Grafana", "grafana"));
    }
    return checks;
  }

  private boolean running(String service) {
    return target.running().contains(service);
  }

  private static Check skip(String signal, String service) {
    Profile profile =
        switch (service) {
          case "loki", "opensearch" -> Profile.LOGS;
          default -> Profile.OBSERVABILITY;
        };
    return new Check(
        signal,
        Status.SKIP,
        service + " is not running in this lab (profile " + profile.id() + ")");
  }

  // ---- Prometheus -------------------------------------------------------------------------

  private double productReads() {
    JsonNode result =
        promQuery(
            "sum(http_server_requests_seconds_count{job=\"perfshop-server\",uri=\"/api/products\"})");
    return result == null || result.isEmpty() ? 0 : value(result.get(0));
  }

  private Check metric(double before) {
    String query =
        "sum(http_server_requests_seconds_count{job=\"perfshop-server\",uri=\"/api/products\"})";
    JsonNode last =
        poll(() -> promQuery(query), r -> r != null && !r.isEmpty() && value(r.get(0)) > before);
    if (last != null) {
      return new Check(
          "metric (Prometheus)",
          Status.OK,
          "GET /api/products counted "
              + (long) value(last.get(0))
              + " (was "
              + (long) before
              + ")");
    }
    JsonNode up = promQuery("up{job=\"perfshop-server\"}");
    return new Check(
        "metric (Prometheus)",
        Status.FAIL,
        "the tagged request is not counted after "
            + patience.seconds()
            + " s (up{job=\"perfshop-server\"} = "
            + (up == null || up.isEmpty() ? "absent" : (long) value(up.get(0)))
            + ")");
  }

  private Check monitor() {
    if (!running("perfshop-monitor")) {
      return skip("containers (monitor)", "perfshop-monitor");
    }
    JsonNode r = poll(() -> promQuery("up{job=\"lab-containers\"}"), this::upIsOne);
    return r != null
        ? new Check("containers (monitor)", Status.OK, "lab-containers scraped")
        : new Check(
            "containers (monitor)",
            Status.FAIL,
            "up{job=\"lab-containers\"} is not 1 after " + patience.seconds() + " s");
  }

  private boolean upIsOne(JsonNode r) {
    return r != null && !r.isEmpty() && value(r.get(0)) == 1;
  }

  private JsonNode promQuery(String promql) {
    Response r =
        get(target.uri("PROMETHEUS_PORT", "/api/v1/query?query=" + encode(promql)), Map.of());
    if (r.status() != 200) {
      return null;
    }
    return Json.parse(r.body().getBytes(StandardCharsets.UTF_8)).path("data").path("result");
  }

  private static double value(JsonNode sample) {
    return Double.parseDouble(sample.path("value").path(1).asString("0"));
  }

  // ---- Logs -------------------------------------------------------------------------------

  private Check loki() {
    String query = "{service=\"perfshop-server\"} |= \"" + requestId + "\"";
    long start = clock.instant().minus(Duration.ofMinutes(5)).toEpochMilli() * 1_000_000;
    JsonNode found =
        poll(
            () -> {
              Response r =
                  get(
                      target.uri(
                          "LOKI_PORT",
                          "/loki/api/v1/query_range?query="
                              + encode(query)
                              + "&start="
                              + start
                              + "&limit=5"),
                      // Loki is multi-tenant: look where students look (config/loki/loki.yaml).
                      Map.of("X-Scope-OrgID", "student"));
              return r.status() == 200
                  ? Json.parse(r.body().getBytes(StandardCharsets.UTF_8))
                      .path("data")
                      .path("result")
                  : null;
            },
            r -> r != null && !r.isEmpty());
    return found != null
        ? new Check("log line (Loki)", Status.OK, "request " + requestId + " found")
        : new Check(
            "log line (Loki)",
            Status.FAIL,
            "no line with " + requestId + " after " + patience.seconds() + " s: " + query);
  }

  private Check opensearch() {
    String body = "{\"query\":{\"match_phrase\":{\"request_id\":\"" + requestId + "\"}}}";
    JsonNode hits =
        poll(
            () -> {
              Response r =
                  post(target.uri("OPENSEARCH_PORT", "/perfshop-*/_search"), body, Map.of());
              return r.status() == 200
                  ? Json.parse(r.body().getBytes(StandardCharsets.UTF_8)).path("hits").path("hits")
                  : null;
            },
            h -> h != null && !h.isEmpty());
    return hits != null
        ? new Check("log line (OpenSearch)", Status.OK, "request " + requestId + " indexed")
        : new Check(
            "log line (OpenSearch)",
            Status.FAIL,
            "no document with request_id "
                + requestId
                + " in perfshop-* after "
                + patience.seconds()
                + " s");
  }

  // ---- Traces and profiles ----------------------------------------------------------------

  private Check tempo() {
    Response found =
        poll(
            () -> get(target.uri("TEMPO_PORT", "/api/traces/" + traceId), Map.of()),
            r -> r.status() == 200);
    return found != null
        ? new Check("trace (Tempo)", Status.OK, "trace " + traceId + " found")
        : new Check(
            "trace (Tempo)",
            Status.FAIL,
            "trace " + traceId + " not found after " + patience.seconds() + " s");
  }

  private Check pyroscope() {
    String query = "process_cpu:cpu:nanoseconds:cpu:nanoseconds{service_name=\"perfshop-server\"}";
    Response found =
        poll(
            () ->
                get(
                    target.uri(
                        "PYROSCOPE_PORT",
                        "/pyroscope/render?format=json&from=now-10m&until=now&query="
                            + encode(query)),
                    Map.of()),
            r ->
                r.status() == 200
                    && Json.parse(r.body().getBytes(StandardCharsets.UTF_8))
                            .path("flamebearer")
                            .path("numTicks")
                            .asLong(0)
                        > 0);
    return found != null
        ? new Check("profile (Pyroscope)", Status.OK, "CPU samples of perfshop-server")
        : new Check(
            "profile (Pyroscope)",
            Status.FAIL,
            "no CPU profile of service_name=perfshop-server in the last 10 min");
  }

  // ---- Grafana ----------------------------------------------------------------------------

  private List<Check> grafana() {
    List<Check> checks = new ArrayList<>();
    GrafanaApi grafana =
        new GrafanaApi(http, target.uri("GRAFANA_PORT", "/"), target.grafanaPassword());
    Response sources = grafana.dataSources();
    if (sources.status() != 200) {
      checks.add(new Check("Grafana", Status.FAIL, "/api/datasources: " + sources.describe()));
      return checks;
    }
    for (JsonNode ds : GrafanaApi.list(sources)) {
      String uid = ds.path("uid").asString("");
      String name = ds.path("name").asString(uid);
      if (BACKENDS.contains(uid) && !running(uid)) {
        checks.add(skip("Grafana data source " + name, uid));
        continue;
      }
      Response health = grafana.dataSourceHealth(uid);
      checks.add(
          health.status() == 200
              ? new Check("Grafana data source " + name, Status.OK, "healthy")
              : new Check("Grafana data source " + name, Status.FAIL, health.describe()));
    }
    Response boards = grafana.dashboards();
    if (boards.status() != 200) {
      checks.add(new Check("Grafana dashboards", Status.FAIL, "/api/search: " + boards.describe()));
      return checks;
    }
    int loaded = 0;
    List<String> broken = new ArrayList<>();
    for (JsonNode board : GrafanaApi.list(boards)) {
      String uid = board.path("uid").asString("");
      Response r = grafana.dashboard(uid);
      if (r.status() == 200) {
        loaded++;
      } else {
        broken.add(board.path("title").asString(uid) + " (" + r.status() + ")");
      }
    }
    checks.add(
        broken.isEmpty() && loaded > 0
            ? new Check("Grafana dashboards", Status.OK, loaded + " dashboards load")
            : new Check(
                "Grafana dashboards",
                Status.FAIL,
                loaded == 0 ? "no dashboard provisioned" : "not loading: " + broken));
    return checks;
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private Response get(URI uri, Map<String, String> headers) {
    return http.get(uri, headers);
  }

  private Response post(URI uri, String json, Map<String, String> headers) {
    return http.post(uri, json, headers);
  }

  private <T> T poll(java.util.function.Supplier<T> attempt, Predicate<T> done) {
    return patience.until(attempt, done);
  }

  private static byte[] span() {
    byte[] span = new byte[8];
    new SecureRandom().nextBytes(span);
    return span;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
