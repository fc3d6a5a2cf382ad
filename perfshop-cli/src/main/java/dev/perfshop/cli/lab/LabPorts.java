package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host ports a lab publishes (bound to 127.0.0.1 by default): the usual port of each service
 * plus the lab's offset, so several labs can run on one host ({@code --name b --port-offset 100}).
 */
public final class LabPorts {

  /** Variable in .env, default port, the profile and service that publish it, and what it is. */
  record Port(
      String variable, int base, Profile profile, String service, String label, String path) {}

  static final Port[] ALL = {
    new Port("SERVER_PORT", 8080, Profile.CORE, "perfshop-server", "shop server", "/"),
    new Port("WEB_PORT", 8088, Profile.CORE, "nginx", "shop through nginx", "/"),
    new Port("MYSQL_PORT", 3306, Profile.CORE, "mysql", "MySQL", null),
    // The perfshop-monitor container: the lab's container metrics that Prometheus scrapes.
    new Port(
        "MONITOR_PORT", 9101, Profile.CORE, "perfshop-monitor", "Container metrics", "/metrics"),
    new Port(
        "PROMETHEUS_PORT", 9090, Profile.OBSERVABILITY, "prometheus", "Prometheus", "/targets"),
    new Port("GRAFANA_PORT", 3000, Profile.OBSERVABILITY, "grafana", "Grafana", "/"),
    // The instructor's Grafana (login only): the dashboards that name the active chaos.
    new Port(
        "GRAFANA_INSTRUCTOR_PORT",
        3030,
        Profile.OBSERVABILITY,
        "grafana-instructor",
        "Instructor Grafana",
        "/"),
    new Port("TEMPO_PORT", 3200, Profile.OBSERVABILITY, "tempo", "Tempo API", "/ready"),
    new Port("PYROSCOPE_PORT", 4040, Profile.OBSERVABILITY, "pyroscope", "Pyroscope", "/"),
    new Port("LOKI_PORT", 3100, Profile.LOGS, "loki", "Loki API", "/ready"),
    new Port("OPENSEARCH_PORT", 9200, Profile.LOGS, "opensearch", "OpenSearch", "/"),
    new Port(
        "OPENSEARCH_DASHBOARDS_PORT",
        5601,
        Profile.LOGS,
        "opensearch-dashboards",
        "OpenSearch Dashboards",
        "/"),
    new Port("SELENIUM_PORT", 4444, Profile.QA, "selenium-hub", "Selenium Grid", "/ui"),
    new Port("FORGEJO_PORT", 3001, Profile.QA, "forgejo", "Forgejo", "/"),
    new Port("FORGEJO_SSH_PORT", 2222, Profile.QA, "forgejo", "Forgejo SSH", null),
    // 8091, not 8090: 90 is Prometheus's last digits, and labs are 1000 ports apart.
    new Port("SQUASH_PORT", 8091, Profile.QA, "squash", "Squash TM", "/squash"),
  };

  public static final int MAX_OFFSET = 20000;

  private final int offset;

  public LabPorts(int offset) {
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new LabException(
          ExitCodes.USAGE, "--port-offset must be between 0 and " + MAX_OFFSET + ", got " + offset);
    }
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }

  public int port(String variable) {
    for (Port p : ALL) {
      if (p.variable().equals(variable)) {
        return p.base() + offset;
      }
    }
    throw new IllegalArgumentException(variable);
  }

  /** Every port variable for .env (all of them: a fragment may name a port of another profile). */
  public Map<String, String> env() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Port p : ALL) {
      out.put(p.variable(), Integer.toString(p.base() + offset));
    }
    return out;
  }

  /** The ports the given profiles publish, in table order. */
  public Map<Port, Integer> published(Set<Profile> profiles) {
    return published(profiles, List.of());
  }

  /** The ports published by the services a lab starts ({@code services} empty: all of them). */
  public Map<Port, Integer> published(Set<Profile> profiles, List<String> services) {
    Map<Port, Integer> out = new LinkedHashMap<>();
    for (Port p : ALL) {
      if (profiles.contains(p.profile())
          && (services.isEmpty() || services.contains(p.service()))) {
        out.put(p, p.base() + offset);
      }
    }
    return out;
  }
}
