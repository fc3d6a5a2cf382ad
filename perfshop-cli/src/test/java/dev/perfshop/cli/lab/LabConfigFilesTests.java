package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every configuration file the lab's services read is well formed: YAML (Loki, Tempo, Vector,
 * Grafana provisioning, Prometheus), JSON (dashboards), XML (JMeter plans). The services themselves
 * check more (promtool in LabTemplatesTests; nginx and Prometheus run in LabIntegrationTests), but
 * several of them cannot run offline, so at least their files must parse.
 */
class LabConfigFilesTests {

  static final YAMLMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyYamlJsonAndXmlConfigFileParses() throws Exception {
    Path config = LabSupport.templates().resolve("config");
    List<Path> files;
    try (Stream<Path> s = Files.walk(config)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      try {
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          JsonNode doc = YAML.readTree(f.toFile());
          assertThat(doc.isObject()).as(f + " is a mapping").isTrue();
        } else if (name.endsWith(".json")) {
          assertThat(JSON.readTree(f.toFile()).isObject()).as(f + " is an object").isTrue();
        } else if (name.endsWith(".jmx")) {
          DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
          dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
          dbf.newDocumentBuilder().parse(f.toFile());
        } else {
          continue; // nginx (run by the lab test), Alloy (its own syntax)
        }
        checked.add(config.relativize(f).toString());
      } catch (Exception | AssertionError e) {
        failures.add(config.relativize(f) + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked)
        .contains(
            "loki/loki.yaml",
            "tempo/tempo.yaml",
            "vector/vector.yaml",
            "prometheus/prometheus.yml",
            "grafana/provisioning/datasources/datasources.yaml");
  }

  @Test
  void grafanaDatasourcesLinkTracesLogsAndProfilesByFixedUids() throws Exception {
    JsonNode ds =
        YAML.readTree(
            LabSupport.templates()
                .resolve("config/grafana/provisioning/datasources/datasources.yaml")
                .toFile());
    List<String> uids = new ArrayList<>();
    ds.path("datasources").forEach(d -> uids.add(d.path("uid").asString()));
    assertThat(uids).contains("prometheus", "tempo", "loki", "pyroscope");
    for (JsonNode d : ds.path("datasources")) {
      // every uid another datasource points at must exist
      d.path("jsonData")
          .findValues("datasourceUid")
          .forEach(ref -> assertThat(uids).as(d.path("name") + " links").contains(ref.asString()));
    }
  }

  /**
   * Students cannot read the chaos: only the instructor Prometheus scrapes the token-protected
   * endpoint, it publishes no port, and only the login-only instructor Grafana has it as a data
   * source (any viewer of a Grafana can query any of its data sources).
   */
  @Test
  void onlyTheInstructorGrafanaReachesTheInstructorPrometheus() throws Exception {
    Path t = LabSupport.templates();
    JsonNode services =
        YAML.readTree(t.resolve("compose.observability.yaml").toFile()).get("services");
    JsonNode instructorProm = services.get("prometheus-instructor");
    assertThat(instructorProm.has("ports")).as("prometheus-instructor publishes no port").isFalse();
    assertThat(instructorProm.get("volumes").toString())
        .contains("./config/prometheus/prometheus-instructor.yml:/etc/prometheus/prometheus.yml:ro")
        .contains("./admin-token:/etc/prometheus/admin-token:ro");
    JsonNode instructorGrafana = services.get("grafana-instructor");
    assertThat(instructorGrafana.get("environment").get("GF_AUTH_ANONYMOUS_ENABLED").asString())
        .isEqualTo("false");
    assertThat(instructorGrafana.get("volumes").toString())
        .contains("./config/grafana-instructor/provisioning:/etc/grafana/provisioning:ro");
    JsonNode studentGrafana = services.get("grafana");
    assertThat(studentGrafana.get("environment").get("GF_AUTH_ANONYMOUS_ENABLED").asString())
        .isEqualTo("true");
    assertThat(studentGrafana.get("volumes").toString())
        .contains("./config/grafana/provisioning:/etc/grafana/provisioning:ro")
        .doesNotContain("dashboards/instructor")
        .doesNotContain("grafana-instructor");

    Path grafana = t.resolve("config/grafana");
    assertThat(
            Files.readString(grafana.resolve("provisioning/datasources/datasources.yaml"))
                + Files.readString(grafana.resolve("provisioning/dashboards/dashboards.yaml")))
        .doesNotContain("prometheus-instructor")
        .doesNotContain("loki-instructor")
        .doesNotContain("httpHeaderValue1: instructor")
        .doesNotContain("dashboards/instructor");
    assertThat(
            Files.readString(
                t.resolve("config/grafana-instructor/provisioning/datasources/datasources.yaml")))
        .contains("uid: prometheus-instructor", "url: http://prometheus-instructor:9090");

    assertThat(Files.readString(t.resolve("config/prometheus/prometheus.yml")))
        .contains("metrics_path: /actuator/prometheus")
        .doesNotContain("/api/admin");
    assertThat(Files.readString(t.resolve("config/prometheus/prometheus-instructor.yml")))
        .contains(
            "metrics_path: /api/admin/metrics/prometheus",
            "type: Bearer",
            "credentials_file: /etc/prometheus/admin-token");

    try (Stream<Path> s = Files.walk(grafana.resolve("dashboards"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
        List<String> uids = new ArrayList<>();
        JSON.readTree(f.toFile()).findValues("uid").forEach(u -> uids.add(u.asString()));
        String board = f.getFileName().toString();
        // Instructor boards read a data source only the instructor Grafana has: the instructor
        // Prometheus or the instructor tenant of Loki (GrafanaAudiencesTests checks every uid).
        if (f.getParent().getFileName().toString().equals("instructor")) {
          assertThat(uids).as(board).containsAnyOf("prometheus-instructor", "loki-instructor");
        } else {
          assertThat(uids)
              .as(board)
              .doesNotContain("prometheus-instructor")
              .doesNotContain("loki-instructor");
        }
      }
    }
  }
}
