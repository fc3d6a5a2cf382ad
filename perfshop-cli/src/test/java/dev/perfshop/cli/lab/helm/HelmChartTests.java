package dev.perfshop.cli.lab.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Helm chart (deploy/helm/perfshop) linted and templated by Helm's own library (helm-java) for
 * 1 and 10 groups, compared with golden files, validated strictly against the Kubernetes API types,
 * and checked against the compose model (compose-templates/).
 *
 * <p>Golden files: src/test/resources/helm-golden/. After a deliberate chart change, rewrite them
 * with {@code -Dhelm.golden.update=true} and review the diff.
 */
class HelmChartTests {

  static final Path REPO = repo();
  static final Path CHART = REPO.resolve("deploy/helm/perfshop");
  static final Path TEMPLATES = REPO.resolve("compose-templates");
  static final Path GOLDEN = REPO.resolve("perfshop-cli/src/test/resources/helm-golden");
  static final ObjectMapper YAML = YAMLMapper.builder().build();
  static SecretsApi api;

  @BeforeAll
  static void startApi() {
    api = SecretsApi.start();
  }

  @AfterAll
  static void stopApi() {
    api.close();
  }

  @AfterEach
  void noLiveSecrets() {
    api.clear();
  }

  /** Services of compose the chart has not, and why (docs/scale.md says the same). */
  static final Map<String, String> NOT_ON_KUBERNETES =
      Map.of(
          "perfshop-monitor", "reads one Docker engine's API through its socket",
          "cadvisor", "mounts the Docker host's root and /var/lib/docker");

  /** Per-group services; the others are shared by every group. */
  static final Set<String> PER_GROUP = Set.of("mysql", "perfshop-server", "nginx", "grafana");

  /** Env values that differ from compose on purpose: the shared backends, per-group tenants. */
  static final Set<String> ENV_CHANGED =
      Set.of(
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_RESOURCE_ATTRIBUTES",
          "PYROSCOPE_SERVER_ADDRESS",
          "PYROSCOPE_LABELS",
          "GF_SERVER_ROOT_URL");

  static Path repo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("deploy/helm/perfshop"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("deploy/helm/perfshop not found above the working folder");
    }
    return p;
  }

  static List<String> groups(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("g%02d", i)).toList();
  }

  static String template(List<String> groups) {
    return template(groups, Map.of());
  }

  /** {@code helm template school CHART -n perfshop-obs -f values} with these groups. */
  static String template(List<String> groups, Map<String, Object> more) {
    Map<String, Object> values = new LinkedHashMap<>(more);
    values.put("groups", groups);
    try {
      Path file = Files.createTempFile("perfshop-values", ".yaml");
      try {
        Files.writeString(file, YAML.writeValueAsString(values));
        return new Helm(CHART)
            .template()
            .withName("school")
            .withNamespace("perfshop-obs")
            .withValuesFile(file)
            .call();
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> manifests(String rendered) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String doc : rendered.split("(?m)^---\\s*$")) {
      Map<String, Object> m = YAML.readValue(doc.isBlank() ? "{}" : doc, Map.class);
      if (m != null && !m.isEmpty()) {
        out.add(m);
      }
    }
    return out;
  }

  /** Secret values are random per render: replaced by their decoded length for the golden files. */
  static String normalised(String rendered) {
    Pattern secretData = Pattern.compile("(?m)^(kind: Secret\\n(?:.*\\n)*?data:\\n)((?:  .*\\n)*)");
    Matcher m = secretData.matcher(rendered);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String data =
          m.group(2)
              .lines()
              .map(
                  l -> {
                    int colon = l.indexOf(": ");
                    String value = l.substring(colon + 2).replace("\"", "");
                    return l.substring(0, colon + 2)
                        + "<"
                        + Base64.getDecoder().decode(value).length
                        + " random bytes>";
                  })
              .collect(Collectors.joining("\n", "", "\n"));
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + data));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Test
  void helmLintPassesStrictly() {
    // helm-java's lint takes the chart's values (one group); 10 groups are templated below.
    var lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages())
        .noneMatch(msg -> msg.contains("[ERROR]") || msg.contains("[WARNING]"));
  }

  @Test
  void renderedManifestsMatchTheGoldenFiles() throws IOException {
    for (int n : new int[] {1, 10}) {
      String rendered = normalised(template(groups(n)));
      Path golden = GOLDEN.resolve("groups-" + n + ".yaml");
      if (Boolean.getBoolean("helm.golden.update")) {
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, rendered);
      }
      assertThat(Files.readString(golden))
          .as("golden %s (update with -Dhelm.golden.update=true)", golden)
          .isEqualTo(rendered);
    }
  }

  @Test
  void everyManifestIsValidAgainstTheKubernetesApiStrictly() {
    List<Map<String, Object>> all = manifests(template(groups(10)));
    assertThat(all).hasSizeGreaterThan(10 * 20);
    for (var m : all) {
      KubeSchema.validate(m);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnknownFieldAnywhereFailsTheValidation() {
    var deployment =
        manifests(template(groups(1))).stream()
            .filter(m -> "Deployment".equals(m.get("kind")))
            .findFirst()
            .orElseThrow();
    KubeSchema.validate(deployment); // valid as rendered
    var spec = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template");
    var podSpec = (Map<String, Object>) spec.get("spec");
    var container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    container.put("memoryLimit", "512Mi"); // a compose habit, not a Kubernetes field
    assertThatThrownBy(() -> KubeSchema.validate(deployment))
        .hasMessageContaining("unknown fields")
        .hasMessageContaining("containers[0].memoryLimit");
    container.remove("memoryLimit");
    deployment.put("spec", Map.of("replicas", "two"));
    assertThatThrownBy(() -> KubeSchema.validate(deployment)).hasMessageContaining("replicas");
  }

  @Test
  void moreGroupsThanTheCapAreRefused() {
    assertThatThrownBy(() -> template(groups(31))).hasMessageContaining("groups");
    assertThatThrownBy(() -> template(List.of("a", "b", "c"), Map.of("maxGroups", 2)))
        .hasMessageContaining("more than maxGroups (2)");
    assertThatThrownBy(() -> template(List.of("Bad_Name"))).hasMessageContaining("groups");
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachGroupHasItsNamespaceWithQuotaLimitsIsolationSecretsVolumesAndIngress() {
    List<Map<String, Object>> all = manifests(template(groups(10)));
    for (String g : groups(10)) {
      String ns = "school-" + g;
      Map<String, Long> kinds =
          all.stream()
              .filter(m -> ns.equals(meta(m).get("namespace")))
              .collect(Collectors.groupingBy(m -> (String) m.get("kind"), Collectors.counting()));
      assertThat(kinds)
          .containsEntry("ResourceQuota", 1L)
          .containsEntry("LimitRange", 1L)
          .containsEntry("NetworkPolicy", 1L)
          .containsEntry("Secret", 1L)
          .containsEntry("PersistentVolumeClaim", 3L)
          .containsEntry("Ingress", 1L)
          .containsEntry("Deployment", 4L);
      var secret = find(all, ns, "Secret", "perfshop-secrets");
      var data = (Map<String, String>) secret.get("data");
      assertThat(data)
          .containsKeys(
              "PERFSHOP_ADMIN_TOKEN",
              "pedagogy.key",
              "license.json",
              "PERFSHOP_LICENSE_TRUSTED_KEYS");
      assertThat(Base64.getDecoder().decode(data.get("pedagogy.key"))).hasSize(32);
      var policy = find(all, ns, "NetworkPolicy", "perfshop-isolation");
      // Ingress only from its own pods, the ingress controller and the shared Prometheus.
      String from =
          YAML.writeValueAsString(((Map<String, Object>) policy.get("spec")).get("ingress"));
      assertThat(from).doesNotContain("perfshop.dev/lab").doesNotContain("school-g");
      // The quota holds the whole group (containers' limits).
      long limits =
          all.stream()
              .filter(m -> ns.equals(meta(m).get("namespace")))
              .filter(m -> Set.of("Deployment", "Job").contains(m.get("kind")))
              .flatMap(m -> containers(m, "containers").stream())
              .mapToLong(c -> mib(limits(c).get("memory")))
              .sum();
      var quota = find(all, ns, "ResourceQuota", "perfshop-quota");
      var hard = (Map<String, Object>) ((Map<String, Object>) quota.get("spec")).get("hard");
      assertThat(mib(hard.get("limits.memory"))).isGreaterThanOrEqualTo(limits);
    }
    // No cluster-scoped object with a fixed name: the only ones are the namespaces <release>-<g>.
    assertThat(all.stream().filter(m -> meta(m).get("namespace") == null))
        .allSatisfy(
            m -> {
              assertThat(m.get("kind")).isEqualTo("Namespace");
              assertThat((String) meta(m).get("name")).startsWith("school-");
            });
    // Two renders make different secrets (nothing fixed is shipped).
    var a = find(manifests(template(groups(1))), "school-g01", "Secret", "perfshop-secrets");
    var b = find(manifests(template(groups(1))), "school-g01", "Secret", "perfshop-secrets");
    assertThat(((Map<String, String>) a.get("data")).get("PERFSHOP_ADMIN_TOKEN"))
        .isNotEqualTo(((Map<String, String>) b.get("data")).get("PERFSHOP_ADMIN_TOKEN"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theChartFollowsTheComposeModel() throws IOException {
    Map<String, String> imagesEnv = new LinkedHashMap<>();
    for (String line : Files.readAllLines(TEMPLATES.resolve("images.env"))) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        imagesEnv.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    Map<String, Object> compose = new LinkedHashMap<>();
    for (String f : List.of("compose.core.yaml", "compose.observability.yaml")) {
      Map<String, Object> doc = YAML.readValue(TEMPLATES.resolve(f).toFile(), Map.class);
      compose.putAll((Map<String, Object>) doc.get("services"));
    }
    List<Map<String, Object>> all = manifests(template(groups(2)));
    Map<String, Map<String, Object>> containers = new LinkedHashMap<>();
    for (var m : all) {
      if ("Deployment".equals(m.get("kind"))) {
        for (var c : containers(m, "containers")) {
          containers.putIfAbsent((String) c.get("name"), c);
        }
      }
    }
    Set<String> expected = new TreeSet<>(compose.keySet());
    expected.removeAll(NOT_ON_KUBERNETES.keySet());
    assertThat(new TreeSet<>(containers.keySet())).isEqualTo(expected);

    Map<String, Object> values = YAML.readValue(CHART.resolve("values.yaml").toFile(), Map.class);
    ((Map<String, String>) values.get("images"))
        .forEach((var, ref) -> assertThat(ref).as(var).isEqualTo(imagesEnv.get(var)));

    for (String service : expected) {
      var svc = (Map<String, Object>) compose.get(service);
      var c = containers.get(service);
      String var = ((String) svc.get("image")).replaceAll("^\\$\\{(\\w+)}$", "$1");
      assertThat(c.get("image")).as(service + " image").isEqualTo(imagesEnv.get(var));
      // Memory: per-group services have the compose mem_limit; shared ones at least that.
      long composeMib = mib(svc.get("mem_limit"));
      long chartMib = mib(limits(c).get("memory"));
      if (PER_GROUP.contains(service)) {
        assertThat(chartMib).as(service + " memory").isEqualTo(composeMib);
      } else {
        assertThat(chartMib).as(service + " memory").isGreaterThanOrEqualTo(composeMib);
      }
      // Ports: every container port compose publishes.
      var ports =
          ((List<Map<String, Object>>) c.get("ports"))
              .stream().map(p -> ((Number) p.get("containerPort")).intValue()).toList();
      for (Object p : (List<Object>) svc.getOrDefault("ports", List.of())) {
        String spec = p.toString();
        assertThat(ports)
            .as(service + " port " + spec)
            .contains(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
      }
      // Environment: the same variables; literal values equal unless changed on purpose.
      var env = new LinkedHashMap<String, Object>();
      for (var e : (List<Map<String, Object>>) c.getOrDefault("env", List.of())) {
        env.put(
            (String) e.get("name"), e.containsKey("value") ? e.get("value") : e.get("valueFrom"));
      }
      var composeEnv = (Map<String, Object>) svc.getOrDefault("environment", Map.of());
      assertThat(env.keySet()).as(service + " env").containsAll(composeEnv.keySet());
      composeEnv.forEach(
          (k, v) -> {
            String value = String.valueOf(v);
            if (value.contains("${")) {
              assertThat(env.get(k)).as(service + " " + k).isNotNull();
            } else if (!ENV_CHANGED.contains(k)) {
              assertThat(String.valueOf(env.get(k))).as(service + " " + k).isEqualTo(value);
            }
          });
    }
    // Every container, init containers and jobs included, has requests and limits.
    for (var m : all) {
      if (Set.of("Deployment", "Job").contains(m.get("kind"))) {
        for (String kind : List.of("containers", "initContainers")) {
          for (var c : containers(m, kind)) {
            var r = (Map<String, Map<String, Object>>) c.get("resources");
            assertThat(r).as(meta(m).get("name") + "/" + c.get("name")).isNotNull();
            assertThat(r.get("requests")).containsKeys("cpu", "memory");
            assertThat(r.get("limits")).containsKeys("cpu", "memory");
          }
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void secretsSurviveAnUpgrade() {
    var first = find(manifests(template(List.of("a"))), "school-a", "Secret", "perfshop-secrets");
    var data = (Map<String, String>) first.get("data");
    // The live Secret of the first install, as the API server returns it to `lookup`.
    api.put(
        "school-a",
        "perfshop-secrets",
        new tools.jackson.databind.json.JsonMapper().writeValueAsString(first));
    var upgrade =
        find(manifests(template(List.of("a", "b"))), "school-a", "Secret", "perfshop-secrets");
    assertThat((Map<String, String>) upgrade.get("data")).isEqualTo(data);
    // A new group gets its own secrets.
    var b = find(manifests(template(List.of("a", "b"))), "school-b", "Secret", "perfshop-secrets");
    assertThat(((Map<String, String>) b.get("data")).get("PERFSHOP_ADMIN_TOKEN"))
        .isNotEqualTo(data.get("PERFSHOP_ADMIN_TOKEN"));
    // A licence given at upgrade replaces the stored one; none given keeps it.
    String licence =
        Base64.getEncoder().encodeToString("{\"licence\":1}".getBytes(StandardCharsets.UTF_8));
    var licensed =
        find(
            manifests(
                template(
                    List.of("a"),
                    Map.of("licence", Map.of("file", licence, "trustedKey", "QUJD")))),
            "school-a",
            "Secret",
            "perfshop-secrets");
    assertThat(((Map<String, String>) licensed.get("data")).get("license.json")).isEqualTo(licence);
    assertThat(((Map<String, String>) licensed.get("data")).get("PERFSHOP_ADMIN_TOKEN"))
        .isEqualTo(data.get("PERFSHOP_ADMIN_TOKEN"));
  }

  @Test
  void theChartsConfigFilesAreTheComposeOnes() throws IOException {
    assertThat(CHART.resolve("files/nginx/default.conf"))
        .hasSameTextualContentAs(TEMPLATES.resolve("config/nginx/default.conf"));
    // The group's (student) Grafana provisions the Student folder only, as compose's.
    assertThat(CHART.resolve("files/grafana/provisioning/dashboards.yaml"))
        .hasSameTextualContentAs(
            TEMPLATES.resolve("config/grafana/provisioning/dashboards/dashboards.yaml"));
    Path dashboards = TEMPLATES.resolve("config/grafana/dashboards");
    try (var files = Files.walk(dashboards)) {
      List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(json).hasSize(10);
      for (Path f : json) {
        String name = f.getFileName().toString();
        if (name.equals("signals.json") || name.equals("chaos-logs.json")) {
          continue; // their panels read Loki, which the chart does not have (docs/scale.md)
        }
        assertThat(CHART.resolve("files/grafana/dashboards").resolve(dashboards.relativize(f)))
            .hasSameTextualContentAs(f, StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboardsAreFilteredOnTheGroupAndBackendsOnItsTenant() {
    List<Map<String, Object>> all = manifests(template(groups(2)));
    var student = find(all, "school-g02", "ConfigMap", "grafana-dashboards-student");
    String jvm = ((Map<String, String>) student.get("data")).get("jvm.json");
    assertThat(jvm).contains("job=\\\"perfshop-server\\\",group=\\\"g02\\\"");
    assertThat(jvm).doesNotContain("job=\\\"perfshop-server\\\"}");
    var prom = find(all, "perfshop-obs", "ConfigMap", "school-prometheus");
    assertThat(((Map<String, String>) prom.get("data")).get("prometheus.yml"))
        .contains("perfshop-server.school-g01.svc:8080")
        .contains("group: \"g02\"");
    var provisioning = find(all, "school-g01", "ConfigMap", "grafana-provisioning");
    assertThat(((Map<String, String>) provisioning.get("data")).get("datasources.yaml"))
        .contains("httpHeaderName1: X-Scope-OrgID")
        .contains("httpHeaderValue1: \"g01\"");
    var tempo = find(all, "perfshop-obs", "ConfigMap", "school-tempo");
    assertThat(((Map<String, String>) tempo.get("data")).get("tempo.yaml"))
        .contains("multitenancy_enabled: true");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theInstructorPrometheusScrapesEachGroupsChaosMetersWithItsOwnAdminToken() {
    List<Map<String, Object>> all = manifests(template(groups(3)));
    var config = find(all, "perfshop-obs", "ConfigMap", "school-prometheus-instructor");
    Map<String, Object> prom =
        YAML.readValue(((Map<String, String>) config.get("data")).get("prometheus.yml"), Map.class);
    var jobs = (List<Map<String, Object>>) prom.get("scrape_configs");
    for (String g : groups(3)) {
      var job =
          jobs.stream()
              .filter(j -> ("perfshop-server-" + g).equals(j.get("job_name")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no scrape job for " + g));
      assertThat(job.get("metrics_path")).isEqualTo("/api/admin/metrics/prometheus");
      assertThat((Map<String, Object>) job.get("authorization"))
          .containsEntry("type", "Bearer")
          .containsEntry("credentials_file", "/etc/prometheus/tokens/" + g);
      assertThat(YAML.writeValueAsString(job.get("static_configs")))
          .contains("perfshop-server.school-" + g + ".svc:8080")
          .contains("group: \"" + g + "\"");
      // The dashboards select job="perfshop-server": every group's job is relabelled to it.
      assertThat((List<Map<String, Object>>) job.get("relabel_configs"))
          .contains(Map.of("target_label", "job", "replacement", "perfshop-server"));
      // The token file is the group's own admin token, copied in the release namespace.
      var groupSecret = find(all, "school-" + g, "Secret", "perfshop-secrets");
      var copy = find(all, "perfshop-obs", "Secret", "school-admin-token-" + g);
      assertThat(((Map<String, String>) copy.get("data")).get("token"))
          .isEqualTo(((Map<String, String>) groupSecret.get("data")).get("PERFSHOP_ADMIN_TOKEN"));
      // Each group's NetworkPolicy lets the instructor Prometheus reach its server.
      var policy = find(all, "school-" + g, "NetworkPolicy", "perfshop-isolation");
      assertThat(YAML.writeValueAsString(((Map<String, Object>) policy.get("spec")).get("ingress")))
          .contains("prometheus-instructor");
    }
    var deployment = find(all, "perfshop-obs", "Deployment", "school-prometheus-instructor");
    var pod =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template"))
                .get("spec");
    String volumes = YAML.writeValueAsString(pod.get("volumes"));
    for (String g : groups(3)) {
      assertThat(volumes).contains("name: \"school-admin-token-" + g + "\"");
    }
    // The token copies survive an upgrade with the group's live Secret (lookup).
    var first = find(all, "school-g01", "Secret", "perfshop-secrets");
    api.put(
        "school-g01",
        "perfshop-secrets",
        new tools.jackson.databind.json.JsonMapper().writeValueAsString(first));
    var upgraded =
        find(manifests(template(groups(3))), "perfshop-obs", "Secret", "school-admin-token-g01");
    assertThat(((Map<String, String>) upgraded.get("data")).get("token"))
        .isEqualTo(((Map<String, String>) first.get("data")).get("PERFSHOP_ADMIN_TOKEN"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void studentsCannotReachTheInstructorPrometheusOrGrafana() {
    List<Map<String, Object>> all = manifests(template(groups(2)));
    // The group's Grafana has no instructor data source, no Instructor folder.
    for (String g : groups(2)) {
      var provisioning = find(all, "school-" + g, "ConfigMap", "grafana-provisioning");
      var data = (Map<String, String>) provisioning.get("data");
      assertThat(data.get("datasources.yaml")).doesNotContain("instructor");
      assertThat(data.get("dashboards.yaml"))
          .contains("folder: Student")
          .doesNotContain("folder: Instructor");
      assertThat(
              all.stream()
                  .filter(m -> ("school-" + g).equals(meta(m).get("namespace")))
                  .map(m -> (String) meta(m).get("name")))
          .noneMatch(name -> name.contains("instructor"));
    }
    // The backends the groups may reach exclude the instructor pods ...
    var shared = find(all, "perfshop-obs", "NetworkPolicy", "school-observability");
    var sharedSelector =
        (Map<String, Object>) ((Map<String, Object>) shared.get("spec")).get("podSelector");
    assertThat(YAML.writeValueAsString(sharedSelector))
        .contains("prometheus")
        .doesNotContain("instructor");
    // ... which take traffic from the instructor Grafana (Prometheus) and the ingress controller
    // (Grafana) only: no namespace of the lab.
    var instructor = find(all, "perfshop-obs", "NetworkPolicy", "school-instructor");
    String from =
        YAML.writeValueAsString(((Map<String, Object>) instructor.get("spec")).get("ingress"));
    assertThat(from)
        .contains("grafana-instructor")
        .contains("ingress-nginx")
        .doesNotContain("perfshop.dev/lab");
    // The instructor Grafana: login only, the Instructor dashboards for all groups and per group.
    var grafana = find(all, "perfshop-obs", "Deployment", "school-grafana-instructor");
    var env = YAML.writeValueAsString(containers(grafana, "containers").get(0).get("env"));
    assertThat(env)
        .contains("GF_AUTH_ANONYMOUS_ENABLED")
        .doesNotContain("GF_AUTH_ANONYMOUS_ORG_ROLE");
    var perGroup =
        find(all, "perfshop-obs", "ConfigMap", "school-grafana-instructor-dashboards-g02");
    String chaos = ((Map<String, String>) perGroup.get("data")).get("chaos-activity.json");
    assertThat(chaos)
        .contains("job=\\\"perfshop-server\\\",group=\\\"g02\\\"")
        .contains("\"uid\": \"perfshop-g02-chaos-activity\"")
        .contains("\"uid\": \"prometheus-instructor\"");
    var provisioning =
        find(all, "perfshop-obs", "ConfigMap", "school-grafana-instructor-provisioning");
    assertThat(((Map<String, String>) provisioning.get("data")).get("dashboards.yaml"))
        .contains("path: /var/lib/grafana/dashboards/groups/g02")
        .contains("folderUid: perfshop-instructor-g01");
  }

  // ---------------------------------------------------------------- helpers

  @SuppressWarnings("unchecked")
  static Map<String, Object> meta(Map<String, Object> m) {
    return (Map<String, Object>) m.get("metadata");
  }

  static Map<String, Object> find(
      List<Map<String, Object>> all, String ns, String kind, String name) {
    return all.stream()
        .filter(m -> kind.equals(m.get("kind")))
        .filter(m -> ns.equals(meta(m).get("namespace")) && name.equals(meta(m).get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + ns + "/" + name));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> containers(Map<String, Object> workload, String field) {
    var spec = (Map<String, Object>) workload.get("spec");
    var template = (Map<String, Object>) spec.get("template");
    var pod = (Map<String, Object>) template.get("spec");
    return (List<Map<String, Object>>) pod.getOrDefault(field, List.of());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> limits(Map<String, Object> container) {
    return ((Map<String, Map<String, Object>>) container.get("resources")).get("limits");
  }

  /** 512m (compose) / 512Mi / 1Gi / 2560Mi → MiB. */
  static long mib(Object quantity) {
    String q = String.valueOf(quantity).strip();
    if (q.endsWith("Gi") || q.endsWith("g")) {
      return Long.parseLong(q.replaceAll("(Gi|g)$", "")) * 1024;
    }
    if (q.endsWith("Mi") || q.endsWith("m")) {
      return Long.parseLong(q.replaceAll("(Mi|m)$", ""));
    }
    throw new IllegalArgumentException("unexpected memory quantity " + q);
  }
}
