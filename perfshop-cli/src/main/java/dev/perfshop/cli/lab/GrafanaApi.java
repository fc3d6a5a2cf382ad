package dev.perfshop.cli.lab;

import dev.perfshop.cli.http.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The part of Grafana's HTTP API the lab uses, as its {@code admin} user (basic auth with the
 * workspace's {@code GRAFANA_ADMIN_PASSWORD}): data sources and their health, dashboards.
 */
final class GrafanaApi {

  private final LabHttp http;
  private final URI base;
  private final Map<String, String> admin;

  GrafanaApi(LabHttp http, URI base, String adminPassword) {
    this.http = http;
    this.base = base;
    this.admin =
        Map.of(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code GET /api/datasources}: the provisioned data sources (uid, name, type…). */
  LabHttp.Response dataSources() {
    return get("/api/datasources");
  }

  /** {@code GET /api/datasources/uid/UID/health}: 200 when Grafana can query the source. */
  LabHttp.Response dataSourceHealth(String uid) {
    return get("/api/datasources/uid/" + uid + "/health");
  }

  /** {@code GET /api/search?type=dash-db}: the dashboards (uid, title…). */
  LabHttp.Response dashboards() {
    return get("/api/search?type=dash-db");
  }

  /** {@code GET /api/dashboards/uid/UID}: 200 when the dashboard loads. */
  LabHttp.Response dashboard(String uid) {
    return get("/api/dashboards/uid/" + uid);
  }

  /** The JSON array of a successful listing ({@link #dataSources}, {@link #dashboards}). */
  static JsonNode list(LabHttp.Response listing) {
    return Json.parse(listing.body().getBytes(StandardCharsets.UTF_8));
  }

  private LabHttp.Response get(String path) {
    return http.get(base.resolve(path), admin);
  }
}
