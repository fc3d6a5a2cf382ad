package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose templates render for every profile × variant into a valid compose model. */
class LabTemplatesTests {

  @TempDir Path tmp;

  static final List<Set<Profile>> PROFILE_SETS =
      List.of(
          EnumSet.of(Profile.CORE),
          EnumSet.of(Profile.CORE, Profile.OBSERVABILITY),
          EnumSet.of(Profile.CORE, Profile.LOGS),
          EnumSet.of(Profile.CORE, Profile.QA),
          EnumSet.allOf(Profile.class));

  private Workspace render(
      String name, Set<Profile> profiles, Variant variant, ImageOverrides images)
      throws IOException {
    Path jar =
        Files.writeString(tmp.resolve("fake-server.jar"), "not a jar: rendering only copies it");
    Path cli = Files.createDirectories(tmp.resolve("cli"));
    Files.createDirectories(cli.resolve("lib/lab"));
    Path cliJar = Files.writeString(cli.resolve("perfshop-cli.jar"), "not a jar either");
    Files.writeString(cli.resolve("perfshop-cli-lab.jar"), "the lab's classes");
    Files.writeString(cli.resolve("lib/dependency.jar"), "a dependency");
    Files.writeString(cli.resolve("lib/lab/helm-java-0.0.16.jar"), "render only");
    Files.writeString(cli.resolve("lib/lab/linux-amd64-0.0.16.jar"), "render only");
    Files.writeString(cli.resolve("lib/lab/jna-jpms-5.18.1.jar"), "render only");
    Files.writeString(cli.resolve("lib/lab/jna-5.18.1.jar"), "docker-java's");
    Files.writeString(cli.resolve("lib/lab/docker-java-core-3.7.0.jar"), "docker-java");
    Workspace ws = new Workspace(tmp.resolve(".perfshop"), name);
    ws.render(
        Templates.fromDirectory(LabSupport.templates()),
        new LabSpec(name, profiles, variant, new LabPorts(0), images, "127.0.0.1", List.of()),
        new ServerArtifacts(jar, List.of(), cliJar),
        "test");
    return ws;
  }

  @Test
  void indexListsExactlyTheTemplateFiles() throws IOException {
    Path dir = LabSupport.templates();
    Set<String> onDisk = new TreeSet<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals("INDEX"))
          .forEach(onDisk::add);
    }
    assertThat(new TreeSet<>(Templates.fromDirectory(dir).files())).isEqualTo(onDisk);
  }

  @Test
  void theCliJarCarriesTheSameTemplates() {
    Templates jar = Templates.fromClasspath();
    Templates disk = Templates.fromDirectory(LabSupport.templates());
    assertThat(jar.files()).isEqualTo(disk.files());
    for (String f : disk.files()) {
      assertThat(jar.read(f)).as(f).isEqualTo(disk.read(f));
    }
  }

  @Test
  void everyVariableTheComposeFilesUseIsSetInTheRenderedEnv() throws IOException {
    Workspace ws =
        render("vars", EnumSet.allOf(Profile.class), Variant.LINUX, ImageOverrides.none());
    Set<String> defined = new TreeSet<>();
    for (String line : Files.readAllLines(ws.envFile())) {
      if (line.contains("=") && !line.startsWith("#")) {
        defined.add(line.substring(0, line.indexOf('=')));
      }
    }
    Pattern var = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?-[^}]*)?}");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> s = Files.list(ws.dir())) {
      for (Path f : s.filter(p -> p.getFileName().toString().startsWith("compose.")).toList()) {
        Matcher m = var.matcher(Files.readString(f));
        while (m.find()) {
          if (m.group(2) == null && !defined.contains(m.group(1))) {
            missing.add(f.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
    try (Stream<Path> s = Files.walk(ws.dir().resolve("config"))) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f + " fully rendered").doesNotContain("@@");
      }
    }
  }

  @Test
  void theMonitorImageHasTheCliItsLibsAndTheDockerClientButNotHelm() throws IOException {
    Workspace ws =
        render("monitor", EnumSet.of(Profile.CORE), Variant.LINUX, ImageOverrides.none());
    Path lib = ws.dir().resolve("monitor/app/lib");
    try (var files = Files.list(lib)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("dependency.jar", "lab");
    }
    try (var files = Files.list(lib.resolve("lab"))) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("docker-java-core-3.7.0.jar", "jna-5.18.1.jar");
    }
    assertThat(ws.dir().resolve("monitor/app/perfshop-cli.jar")).exists();
    assertThat(ws.dir().resolve("monitor/app/perfshop-cli-lab.jar")).exists();
  }

  @Test
  void secretsAreMadeOnceKeptAcrossRendersAndOnlyReadableByTheOwner() throws IOException {
    Workspace ws =
        render("secrets", EnumSet.of(Profile.CORE), Variant.LINUX, ImageOverrides.none());
    String first = Lab.envValue(ws, "MYSQL_PASSWORD");
    String token = Files.readString(ws.adminTokenFile()).strip();
    render(
        "secrets",
        EnumSet.of(Profile.CORE, Profile.OBSERVABILITY),
        Variant.LINUX,
        ImageOverrides.none());
    assertThat(first).hasSizeGreaterThanOrEqualTo(32);
    assertThat(Lab.envValue(ws, "MYSQL_PASSWORD")).isEqualTo(first);
    assertThat(Lab.envValue(ws, "PERFSHOP_ADMIN_TOKEN")).isEqualTo(token);
    assertThat(Lab.envValue(ws, "MYSQL_PASSWORD"))
        .isNotEqualTo(Lab.envValue(ws, "MYSQL_ROOT_PASSWORD"));
    assertThat(Files.getPosixFilePermissions(ws.envFile()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(ws.adminTokenFile()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void imageOverridesReplaceByReferenceRepositoryOrVariable() throws IOException {
    Path file =
        Files.writeString(
            tmp.resolve("images.override"),
            """
        # classroom registry
        mysql:8.4.7 = registry.local/mysql:8.4.7
        quay.io/prometheus/prometheus = registry.local/prometheus:v3
        GRAFANA_IMAGE=registry.local/grafana:12
        """);
    Workspace ws =
        render(
            "images",
            EnumSet.of(Profile.CORE, Profile.OBSERVABILITY),
            Variant.DESKTOP,
            ImageOverrides.read(file));
    assertThat(Lab.envValue(ws, "MYSQL_IMAGE")).isEqualTo("registry.local/mysql:8.4.7");
    assertThat(Lab.envValue(ws, "PROMETHEUS_IMAGE")).isEqualTo("registry.local/prometheus:v3");
    assertThat(Lab.envValue(ws, "GRAFANA_IMAGE")).isEqualTo("registry.local/grafana:12");
    assertThat(Lab.envValue(ws, "TEMPO_IMAGE"))
        .isEqualTo(Templates.fromDirectory(LabSupport.templates()).images().get("TEMPO_IMAGE"));
  }

  @Test
  void aBadOverrideLineIsAUsageErrorNamingFileAndLine() throws IOException {
    Path file =
        Files.writeString(
            tmp.resolve("bad.override"), "mysql:8.4.7 = ok/mysql:1\nthis line has no mapping\n");
    assertThatThrownBy(() -> ImageOverrides.read(file))
        .isInstanceOfSatisfying(
            LabException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageContaining("bad.override:2");
  }

  @Test
  void squashTmHasItsOwnDatabaseASecretPasswordAndAnOffsetPort() throws IOException {
    Workspace ws = new Workspace(tmp.resolve(".perfshop"), "squash");
    ws.render(
        Templates.fromDirectory(LabSupport.templates()),
        new LabSpec(
            "squash",
            EnumSet.of(Profile.CORE, Profile.QA),
            Variant.DESKTOP,
            new LabPorts(1000),
            ImageOverrides.none(),
            "127.0.0.1",
            List.of()),
        null,
        "test");
    assertThat(Lab.envValue(ws, "SQUASH_PORT")).isEqualTo("9091");
    assertThat(Lab.envValue(ws, "SQUASH_DB_PASSWORD"))
        .hasSizeGreaterThanOrEqualTo(32)
        .isNotEqualTo(Lab.envValue(ws, "MYSQL_PASSWORD"));
    // Labs are 1000 ports apart: Squash's port must not end like another port of a lab.
    for (LabPorts.Port p : LabPorts.ALL) {
      if (!p.variable().equals("SQUASH_PORT")) {
        assertThat(p.base() % 1000).as(p.variable()).isNotEqualTo(8091 % 1000);
      }
    }
    String qa = Files.readString(ws.dir().resolve("compose.qa.yaml"));
    assertThat(qa)
        .containsPattern("squash:\\s+image: \\$\\{SQUASH_IMAGE}")
        .containsPattern("depends_on:\\s+squash-db:\\s+condition: service_healthy")
        .contains("SPRING_DATASOURCE_URL: jdbc:postgresql://squash-db:5432/squashtm")
        .contains("- squash-db-data:/var/lib/postgresql/data");
  }

  @Test
  void imagesArePinnedNeverLatest() {
    Templates.fromDirectory(LabSupport.templates())
        .images()
        .forEach(
            (var, ref) -> {
              assertThat(ref).as(var).matches(".+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
            });
  }

  @Test
  void theMemoryTableIsTheSumOfTheServicesLimits() throws IOException {
    Pattern limit = Pattern.compile("(?m)^\\s+mem_limit:\\s*(\\d+)([mg])\\s*$");
    for (Profile p : Profile.values()) {
      String yaml = Files.readString(LabSupport.templates().resolve(p.file()));
      int sum = 0;
      Matcher m = limit.matcher(yaml);
      int services = 0;
      while (m.find()) {
        sum += Integer.parseInt(m.group(1)) * (m.group(2).equals("g") ? 1024 : 1);
        services++;
      }
      assertThat(services).as(p + " services with a memory limit").isGreaterThan(0);
      assertThat(Lab.MEMORY_MIB.get(p)).as("Lab.MEMORY_MIB of " + p).isEqualTo(sum);
    }
  }

  @Test
  void prometheusScrapesTheServerEvery5sAndKeeps7DaysOr5Gb() throws IOException {
    String prom =
        Files.readString(LabSupport.templates().resolve("config/prometheus/prometheus.yml"));
    assertThat(prom)
        .contains("job_name: perfshop-server")
        .contains("metrics_path: /actuator/prometheus")
        .contains("targets: [\"perfshop-server:8080\"]")
        .containsPattern("job_name: perfshop-server\\s+scrape_interval: 5s");
    String obs = Files.readString(LabSupport.templates().resolve("compose.observability.yaml"));
    assertThat(obs)
        .contains("--storage.tsdb.retention.time=7d", "--storage.tsdb.retention.size=5GB");
    String tempo = Files.readString(LabSupport.templates().resolve("config/tempo/tempo.yaml"));
    assertThat(tempo).contains("endpoint: \"0.0.0.0:4317\"");
  }

  @Test
  void everyProfileAndVariantPassesDockerComposeConfig() throws Exception {
    List<String> compose = LabSupport.compose();
    LabSupport.require(
        compose != null,
        "Docker Compose (docker compose or docker-compose)",
        "apt-get install docker-compose");
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (Set<Profile> profiles : PROFILE_SETS) {
      for (Variant variant : Variant.values()) {
        String name = "cfg" + (n++);
        Workspace ws = render(name, profiles, variant, ImageOverrides.none());
        List<String> cmd =
            Compose.of(compose)
                .line(
                    ws.dir(),
                    LabSpec.project(name),
                    ws.meta().composeFiles(),
                    List.of("config", "--services"));
        StringBuilder out = new StringBuilder();
        Process p =
            new ProcessBuilder(cmd).directory(ws.dir().toFile()).redirectErrorStream(true).start();
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          r.lines().forEach(l -> out.append(l).append('\n'));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Set<String> services =
            new LinkedHashSet<>(
                out.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (p.exitValue() != 0) {
          failures.add(Profile.join(profiles) + "/" + variant.id() + ": " + out);
          continue;
        }
        assertThat(services)
            .as(Profile.join(profiles))
            .contains("mysql", "perfshop-server", "nginx");
        if (profiles.contains(Profile.OBSERVABILITY)) {
          assertThat(services).contains("prometheus", "grafana", "tempo", "pyroscope", "cadvisor");
        }
        if (profiles.contains(Profile.LOGS)) {
          assertThat(services)
              .contains("loki", "alloy", "opensearch", "vector", "opensearch-dashboards");
        }
        if (profiles.contains(Profile.QA)) {
          // jmeter is a one-shot in profile qa-run (compose v1 lists it here, v2 does not).
          assertThat(services)
              .contains("selenium-hub", "chromium", "forgejo", "squash", "squash-db");
          assertThat(Files.readString(ws.dir().resolve("compose.qa.yaml")))
              .contains("profiles: [\"qa-run\"]");
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void prometheusConfigPassesPromtool() throws Exception {
    Workspace ws =
        render(
            "promtool",
            EnumSet.of(Profile.CORE, Profile.OBSERVABILITY),
            Variant.LINUX,
            ImageOverrides.none());
    Path config = ws.dir().resolve("config/prometheus/prometheus.yml");
    assertThat(Files.readString(config)).doesNotContain("@@").contains("perfshop-monitor:9101");
    List<String> cmd;
    if (LabSupport.run(List.of("promtool", "--version")) == 0) {
      cmd = List.of("promtool", "check", "config", config.toString());
    } else {
      cmd =
          List.of(
              "docker",
              "run",
              "--rm",
              "--network",
              "none",
              "-v",
              config.getParent() + ":/cfg:ro",
              "--entrypoint",
              "promtool",
              LocalImages.image("PROMETHEUS_IMAGE"),
              "check",
              "config",
              "/cfg/prometheus.yml");
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void instructorPrometheusConfigPassesPromtool() throws Exception {
    LabSupport.require(
        LabSupport.run(List.of("promtool", "--version")) == 0,
        "promtool",
        "apt-get install prometheus (Debian's package; .ci/run installs it)");
    Workspace ws =
        render(
            "promtool-instructor",
            EnumSet.of(Profile.CORE, Profile.OBSERVABILITY),
            Variant.LINUX,
            ImageOverrides.none());
    String text = Files.readString(ws.dir().resolve("config/prometheus/prometheus-instructor.yml"));
    assertThat(text).contains("credentials_file: /etc/prometheus/admin-token");
    // promtool checks that the credentials file exists: point it at the workspace's token file,
    // the one compose mounts there.
    Path config = ws.dir().resolve("promtool-instructor.yml");
    Files.writeString(
        config,
        text.replace("/etc/prometheus/admin-token", ws.dir().resolve("admin-token").toString()));
    assertThat(ws.dir().resolve("admin-token")).isRegularFile();
    Process p =
        new ProcessBuilder("promtool", "check", "config", config.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS");
  }
}
