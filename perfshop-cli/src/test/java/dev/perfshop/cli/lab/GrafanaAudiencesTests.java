package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The lab's two Grafanas, one per audience (docs/lab.md, "Grafana"; docs/security.md, "Students
 * cannot read the chaos"): every data source a dashboard panel, query or data link names is
 * provisioned in the Grafana that shows the dashboard; nothing the student Grafana provisions or
 * queries names the chaos; its Loki data source reads the student tenant, into which Alloy writes
 * the logs without their chaos fields (the pipeline's own expressions are applied to server log
 * lines here).
 */
class GrafanaAudiencesTests {

  static final YAMLMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern CHAOS_WORDS = Pattern.compile("chaos|assault|anomal");

  record Audience(String folder, String provisioning) {}

  static final Audience STUDENT = new Audience("student", "config/grafana/provisioning");
  static final Audience INSTRUCTOR =
      new Audience("instructor", "config/grafana-instructor/provisioning");

  static JsonNode datasources(Audience a) throws IOException {
    return YAML.readTree(
        LabSupport.templates()
            .resolve(a.provisioning() + "/datasources/datasources.yaml")
            .toFile());
  }

  static Set<String> provisionedUids(Audience a) throws IOException {
    Set<String> uids = new TreeSet<>();
    datasources(a).path("datasources").forEach(d -> uids.add(d.path("uid").asString()));
    return uids;
  }

  static Map<String, JsonNode> dashboards(Audience a) throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    Path dir = LabSupport.templates().resolve("config/grafana/dashboards/" + a.folder());
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
        out.put(a.folder() + "/" + f.getFileName(), JSON.readTree(f.toFile()));
      }
    }
    return out;
  }

  /**
   * Every data source uid a JSON tree names: {@code "datasource": {"uid": …}} of panels and
   * queries, {@code "datasourceUid"} of data links and of data source correlations.
   */
  static void referencedUids(JsonNode node, String where, Map<String, String> out) {
    if (node.isObject()) {
      for (var field : node.properties()) {
        JsonNode v = field.getValue();
        if (field.getKey().equals("datasource") && v.isObject() && v.has("uid")) {
          out.put(where + " -> " + v.path("uid").asString(), v.path("uid").asString());
        } else if (field.getKey().equals("datasourceUid") && v.isString()) {
          out.put(where + " -> " + v.asString(), v.asString());
        }
        referencedUids(v, where, out);
      }
    } else if (node.isArray()) {
      node.forEach(n -> referencedUids(n, where, out));
    }
  }

  @Test
  void everyDataSourceADashboardOrLinkNamesIsProvisionedInThatGrafana() throws IOException {
    Map<String, Set<String>> seen = new TreeMap<>();
    for (Audience a : List.of(STUDENT, INSTRUCTOR)) {
      Set<String> provisioned = provisionedUids(a);
      Map<String, String> refs = new TreeMap<>();
      for (var board : dashboards(a).entrySet()) {
        for (JsonNode panel : board.getValue().path("panels")) {
          referencedUids(panel, board.getKey() + " / " + panel.path("title").asString(), refs);
        }
      }
      for (JsonNode d : datasources(a).path("datasources")) {
        referencedUids(
            d.path("jsonData"), a.provisioning() + " " + d.path("name").asString(), refs);
      }
      List<String> missing =
          refs.entrySet().stream()
              .filter(r -> !provisioned.contains(r.getValue()))
              .map(Map.Entry::getKey)
              .toList();
      assertThat(missing).as(a.folder() + " Grafana provisions " + provisioned).isEmpty();
      seen.put(a.folder(), new TreeSet<>(refs.values()));
    }
    // The walk really finds the links between signals (trace -> logs -> profile).
    assertThat(seen.get("student")).contains("prometheus", "loki", "tempo", "pyroscope");
    assertThat(seen.get("instructor")).contains("prometheus-instructor", "loki-instructor");
  }

  @Test
  void theStudentDashboardsShowLogsTracesAndProfilesWithLinksBetweenThem() throws IOException {
    JsonNode signals = dashboards(STUDENT).get("student/signals.json");
    assertThat(signals).as("student/signals.json").isNotNull();
    Map<String, String> panelTypeBySource = new TreeMap<>();
    for (JsonNode p : signals.path("panels")) {
      panelTypeBySource.merge(
          p.path("datasource").path("uid").asString(),
          p.path("type").asString(),
          (x, y) -> x + "," + y);
    }
    assertThat(panelTypeBySource.get("loki")).contains("logs");
    assertThat(panelTypeBySource.get("tempo")).contains("table");
    assertThat(panelTypeBySource.get("pyroscope")).contains("flamegraph");
    String text = signals.toString();
    // trace -> logs by trace id, -> profile by service name
    assertThat(text).contains("\"datasourceUid\":\"loki\"").contains("${__value.raw}");
    assertThat(text)
        .contains("\"datasourceUid\":\"pyroscope\"")
        .contains("service_name=\\\"perfshop-server\\\"");
  }

  @Test
  void nothingTheStudentGrafanaProvisionsOrQueriesNamesTheChaos() throws IOException {
    List<String> leaks = new ArrayList<>();
    for (var board : dashboards(STUDENT).entrySet()) {
      Matcher m = CHAOS_WORDS.matcher(board.getValue().toString().toLowerCase(Locale.ROOT));
      while (m.find()) {
        leaks.add(board.getKey() + ": " + m.group());
      }
    }
    // The parsed file (its comments explain the split and may name it; Grafana never reads them).
    Matcher m = CHAOS_WORDS.matcher(datasources(STUDENT).toString().toLowerCase(Locale.ROOT));
    while (m.find()) {
      leaks.add("student datasources.yaml: " + m.group());
    }
    assertThat(leaks).isEmpty();
    // ...while the instructor's views keep the truth.
    assertThat(dashboards(INSTRUCTOR).get("instructor/chaos-logs.json").toString())
        .contains("chaos_family");
  }

  @Test
  void eachGrafanasLokiReadsItsOwnTenantOfAMultiTenantLoki() throws IOException {
    assertThat(
            YAML.readTree(LabSupport.templates().resolve("config/loki/loki.yaml").toFile())
                .path("auth_enabled")
                .asBoolean())
        .as("Loki without auth_enabled ignores X-Scope-OrgID: one tenant for everyone")
        .isTrue();
    Map<Audience, String> tenant = Map.of(STUDENT, "student", INSTRUCTOR, "instructor");
    for (var e : tenant.entrySet()) {
      List<JsonNode> lokis = new ArrayList<>();
      datasources(e.getKey())
          .path("datasources")
          .forEach(
              d -> {
                if (d.path("type").asString().equals("loki")) {
                  lokis.add(d);
                }
              });
      assertThat(lokis).as(e.getKey().folder() + " Loki data sources").hasSize(1);
      JsonNode loki = lokis.get(0);
      assertThat(loki.path("jsonData").path("httpHeaderName1").asString())
          .isEqualTo("X-Scope-OrgID");
      assertThat(loki.path("secureJsonData").path("httpHeaderValue1").asString())
          .isEqualTo(e.getValue());
    }
  }

  // ---- Alloy's student pipeline ----------------------------------------------------------

  /** The stages of one {@code loki.process "name" { … }} block, in order: kind and attributes. */
  static List<Map<String, String>> stages(String alloy, String process) {
    int start = alloy.indexOf("loki.process \"" + process + "\" {");
    assertThat(start).as("loki.process \"" + process + "\" in config.alloy").isNotNegative();
    int depth = 0;
    int end = start;
    for (int i = alloy.indexOf('{', start); i < alloy.length(); i++) {
      char c = alloy.charAt(i);
      if (c == '"') {
        i = endOfString(alloy, i);
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        end = i;
        break;
      }
    }
    String block = alloy.substring(start, end);
    List<Map<String, String>> out = new ArrayList<>();
    Matcher stage = Pattern.compile("stage\\.(\\w+)\\s*\\{").matcher(block);
    Pattern attribute = Pattern.compile("(\\w+)\\s*=\\s*\"((?:\\\\.|[^\"\\\\])*)\"");
    while (stage.find()) {
      int close = block.indexOf("\n  }", stage.end());
      Map<String, String> attrs = new TreeMap<>();
      attrs.put("stage", stage.group(1));
      attrs.put("body", block.substring(stage.end(), close));
      Matcher a = attribute.matcher(block.substring(stage.end(), close));
      while (a.find()) {
        attrs.put(a.group(1), unescape(a.group(2)));
      }
      out.add(attrs);
    }
    return out;
  }

  static int endOfString(String s, int open) {
    for (int i = open + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == '"') {
        return i;
      }
    }
    return s.length();
  }

  static String unescape(String alloyString) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < alloyString.length(); i++) {
      char c = alloyString.charAt(i);
      if (c == '\\' && i + 1 < alloyString.length()) {
        c = alloyString.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  /** The line the student tenant stores, or null when the pipeline drops it. */
  static String studentLine(List<Map<String, String>> stages, String line) {
    for (Map<String, String> s : stages) {
      switch (s.get("stage")) {
        case "drop" -> {
          if (Pattern.compile(s.get("expression")).matcher(line).find()) {
            return null;
          }
        }
        case "replace" -> {
          // Alloy replaces each capture group's match with `replace`.
          Matcher m = Pattern.compile(s.get("expression")).matcher(line);
          StringBuilder b = new StringBuilder();
          int last = 0;
          while (m.find()) {
            b.append(line, last, m.start(1)).append(s.get("replace"));
            last = m.end(1);
          }
          line = b.append(line.substring(last)).toString();
        }
        default -> {
          // json, labels, structured_metadata, tenant: they do not change the line
        }
      }
    }
    return line;
  }

  /** Lines as the server writes them in the lab (ECS JSON, MDC fields at the top level). */
  static final List<String> SERVER_LINES =
      List.of(
          "{\"@timestamp\":\"2026-12-06T10:00:00.123Z\",\"log.level\":\"WARN\",\"process.pid\":1,"
              + "\"process.thread.name\":\"http-nio-8080-exec-3\",\"service.name\":\"perfshop-server\","
              + "\"log.logger\":\"dev.perfshop.server.catalog.CatalogController\",\"message\":\"slow "
              + "product lookup\",\"request_id\":\"4b0c\",\"chaos_family\":\"performance\","
              + "\"chaos_level\":\"3\",\"scenario_id\":\"bac2-checkout\",\"trace_id\":\"0af7651916cd43dd\","
              + "\"ecs.version\":\"8.11\"}",
          "{\"chaos_family\":\"functional\",\"chaos_level\":2,\"log.level\":\"ERROR\",\"message\":"
              + "\"stale cache\",\"trace_id\":\"1234\"}",
          "{\"log.level\":\"ERROR\",\"log.logger\":\"org.hibernate.engine.jdbc.spi.SqlExceptionHelper\","
              + "\"message\":\"perfshop - Connection is not available\",\"chaos_family\":\"infrastructure\","
              + "\"error.stack_trace\":\"java.sql.SQLTransientConnectionException: refused\\n\\tat "
              + "dev.perfshop.server.chaos.ChaosDataSource.getConnection(ChaosDataSource.java:42)\\n\\tat "
              + "dev.perfshop.server.catalog.CatalogService.find(CatalogService.java:10)\"}",
          "{\"log.level\":\"WARN\",\"log.logger\":\"dev.perfshop.server.order.StockReservation\","
              + "\"message\":\"could not borrow a connection: timed out\",\"chaos_family\":"
              + "\"performance\",\"error.stack_trace\":\"java.sql.SQLTransientConnectionException: "
              + "refused\\n\\tat dev.perfshop.server.system.policy.MonitoredDataSource.getConnection"
              + "(MonitoredDataSource.java:50)\\n\\tat "
              + "dev.perfshop.server.order.StockReservation.apply(StockReservation.java:80)\"}",
          "{\"@timestamp\":\"2026-12-06T10:00:01Z\",\"log.level\":\"INFO\",\"log.logger\":"
              + "\"dev.perfshop.server.chaos.ChaosAudit\",\"message\":\"enabled cpu-burn level 3\"}",
          "{\"@timestamp\":\"2026-12-06T10:00:02Z\",\"log.level\":\"INFO\",\"log.logger\":"
              + "\"dev.perfshop.server.catalog.CatalogService\",\"message\":\"Assault on /api/products\"}");

  @Test
  void alloyWritesTheStudentTenantWithoutTheChaosAndTheInstructorTenantWithIt() throws IOException {
    String alloy = Files.readString(LabSupport.templates().resolve("config/alloy/config.alloy"));
    List<Map<String, String>> student = stages(alloy, "student");
    List<Map<String, String>> instructor = stages(alloy, "instructor");
    assertThat(student)
        .filteredOn(s -> s.get("stage").equals("tenant"))
        .singleElement()
        .extracting(s -> s.get("value"))
        .isEqualTo("student");
    assertThat(instructor)
        .filteredOn(s -> s.get("stage").equals("tenant"))
        .singleElement()
        .extracting(s -> s.get("value"))
        .isEqualTo("instructor");
    assertThat(student)
        .filteredOn(s -> s.get("stage").equals("labels"))
        .allSatisfy(s -> assertThat(s.get("body")).doesNotContain("chaos"));
    assertThat(instructor)
        .filteredOn(s -> s.get("stage").equals("labels"))
        .anySatisfy(s -> assertThat(s.get("body")).contains("chaos_family"));

    List<String> kept = new ArrayList<>();
    for (String line : SERVER_LINES) {
      String out = studentLine(student, line);
      if (out != null) {
        kept.add(out);
        assertThat(out.toLowerCase(Locale.ROOT)).doesNotContainPattern(CHAOS_WORDS.pattern());
        assertThat(JSON.readTree(out).isObject()).as("still one JSON object: " + out).isTrue();
      }
    }
    // The shop's own lines stay, with their trace id and request id; the engine's and the one
    // naming an assault are dropped.
    assertThat(kept).hasSize(4);
    assertThat(JSON.readTree(kept.get(0)).path("trace_id").asString())
        .isEqualTo("0af7651916cd43dd");
    assertThat(JSON.readTree(kept.get(0)).path("request_id").asString()).isEqualTo("4b0c");
    assertThat(JSON.readTree(kept.get(1)).path("message").asString()).isEqualTo("stale cache");
    // A failed connection keeps its stack trace, the engine's frame renamed.
    assertThat(JSON.readTree(kept.get(2)).path("error.stack_trace").asString())
        .contains(
            "system.RequestPolicyInterceptor.handle(RequestPolicyInterceptor.java:42)",
            "CatalogService.find(CatalogService.java:10)");
    // An anomaly's own line (it runs from shop code) reaches students as written, minus the chaos.
    assertThat(JSON.readTree(kept.get(3)).path("log.logger").asString())
        .isEqualTo("dev.perfshop.server.order.StockReservation");
    assertThat(JSON.readTree(kept.get(3)).path("error.stack_trace").asString())
        .contains(
            "system.policy.MonitoredDataSource.getConnection(MonitoredDataSource.java:50)",
            "order.StockReservation.apply(StockReservation.java:80)");
    assertThat(JSON.readTree(kept.get(3)).has("chaos_family")).isFalse();
  }
}
