package dev.perfshop.cli.scenario;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.http.PerfShopClient;
import dev.perfshop.scenario.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runner's lab over HTTP: the server's chaos, stats and class-session APIs through the CLI's
 * client, an optional Prometheus for PromQL expectations, and the Docker lab's containers (through
 * {@link LabContainers}) for container anomalies. Scenario routes ({@code GET /api/products/{id}})
 * become chaos path patterns ({@code /api/products/{id}}): chaos targets paths for every method.
 */
public final class HttpLab implements LabPort {

  private final PerfShopClient client;
  private final String sessionId;
  private final URI prometheus;
  private final LabContainers containers;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param sessionId the class session that receives the scenario's enigmas, or null (enigma steps
   *     are then skipped and say so in the journal)
   * @param prometheus base URL of a Prometheus, or null
   * @param containers the Docker lab's containers for container anomalies, or null (those steps are
   *     then skipped and say so in the journal)
   */
  public HttpLab(
      PerfShopClient client, String sessionId, URI prometheus, LabContainers containers) {
    this.client = client;
    this.sessionId = sessionId;
    this.prometheus = prometheus;
    this.containers = containers;
  }

  @Override
  public void enableChaos(
      String type,
      int level,
      Double probability,
      List<String> routes,
      Duration ttl,
      String scenarioId) {
    ObjectNode body = Json.object();
    body.put("level", level);
    body.put("ttl", ttl.toSeconds() + "s");
    if (probability != null) {
      body.put("probability", probability);
    }
    if (!routes.isEmpty()) {
      var array = body.putArray("routes");
      routes.forEach(r -> array.add(path(r)));
    }
    body.put("scenarioId", scenarioId);
    if (sessionId != null) {
      // a class's run acts on its own traffic only: other classes on this server are untouched
      body.put("sessionId", sessionId);
    }
    client.adminSend("PUT", "/api/admin/chaos/" + type, bytes(body));
  }

  @Override
  public void disableChaos(String type) {
    client.adminDelete(
        "/api/admin/chaos/" + type + (sessionId == null ? "" : "?sessionId=" + sessionId));
  }

  @Override
  public void halt() {
    client.adminSend("POST", "/api/admin/chaos/halt", null);
  }

  @Override
  public void enableContainer(String type, String service, int level) {
    containers().enable(type, service, level);
  }

  @Override
  public void disableContainer(String type, String service) {
    containers().disable(type, service);
  }

  private LabContainers containers() {
    if (containers == null) {
      throw new NotAvailable("no Docker lab for container anomalies: container step skipped");
    }
    return containers;
  }

  @Override
  public RouteStat routeStat(String route, Duration window) {
    long seconds = Math.max(5, Math.min(300, window.toSeconds()));
    JsonNode summary =
        client.adminGet(
            "/api/admin/stats?window="
                + seconds
                + (sessionId == null ? "" : "&session=" + sessionId));
    for (JsonNode r : summary.path("routes")) {
      if (route.equals(r.path("route").asString())) {
        return new RouteStat(
            route,
            r.path("count").asLong(),
            r.path("throughput").asDouble(),
            r.path("errorRate").asDouble(),
            r.path("p50").asDouble(),
            r.path("p95").asDouble(),
            r.path("p99").asDouble());
      }
    }
    return null;
  }

  @Override
  public boolean hasPrometheus() {
    return prometheus != null;
  }

  @Override
  public OptionalDouble promql(String query) {
    if (prometheus == null) {
      throw new CliException(
          ExitCodes.USAGE, "no Prometheus URL given (--prometheus URL): cannot run " + query);
    }
    URI uri =
        URI.create(
            prometheus + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      HttpResponse<byte[]> res =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (res.statusCode() != 200) {
        throw new CliException(
            ExitCodes.REJECTED, "Prometheus answered " + res.statusCode() + " to " + query);
      }
      OptionalDouble max = OptionalDouble.empty();
      for (JsonNode series : Json.parse(res.body()).path("data").path("result")) {
        double v = Double.parseDouble(series.path("value").path(1).asString("NaN"));
        if (!Double.isNaN(v) && (max.isEmpty() || v > max.getAsDouble())) {
          max = OptionalDouble.of(v);
        }
      }
      return max;
    } catch (IOException e) {
      throw new CliException(ExitCodes.UNREACHABLE, "cannot reach Prometheus at " + prometheus, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  @Override
  public void openEnigma(
      String scenarioId,
      Scenario.Enigma enigma,
      List<String> anomalies,
      Map<String, String> bindings) {
    String session = session();
    ObjectNode body = (ObjectNode) Json.mapper().valueToTree(enigma);
    body.remove("warmup");
    body.put("scenarioId", scenarioId);
    body.put("open", true);
    var list = body.putArray("anomalies");
    anomalies.forEach(list::add);
    client.adminSend("POST", "/api/admin/sessions/" + session + "/enigmas", bytes(body));
    // bound answers, measured routes and choices whose right options depend on the run
    if (enigma.answer().binding() != null) {
      ObjectNode bind = Json.object();
      bind.put("scenarioId", scenarioId);
      bind.put("name", enigma.answer().binding());
      bind.put("value", bindings.get(enigma.answer().binding()));
      client.adminSend("POST", "/api/admin/sessions/" + session + "/bindings", bytes(bind));
    }
  }

  @Override
  public void closeEnigma(String scenarioId, String enigmaId) {
    client.adminSend(
        "POST",
        "/api/admin/sessions/" + session() + "/enigmas/" + scenarioId + "." + enigmaId + "/close",
        null);
  }

  @Override
  public void releaseHint(String scenarioId, String enigmaId) {
    client.adminSend(
        "POST",
        "/api/admin/sessions/"
            + session()
            + "/enigmas/"
            + scenarioId
            + "."
            + enigmaId
            + "/hints/release",
        null);
  }

  private String session() {
    if (sessionId == null) {
      throw new NotAvailable("no class session given (--session ID): enigma step skipped");
    }
    return sessionId;
  }

  /** {@code GET /api/products/{id}} → {@code /api/products/{id}}. */
  static String path(String route) {
    int space = route.indexOf(' ');
    return space < 0 ? route : route.substring(space + 1);
  }

  private static byte[] bytes(JsonNode node) {
    return Json.compact(node).getBytes(StandardCharsets.UTF_8);
  }
}
