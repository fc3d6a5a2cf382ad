package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bookkeeping of container anomalies: what is acted on, what is recorded, what disable and halt
 * heal. The Docker side is a fake engine that keeps container states (the real engine is exercised
 * by LabIntegrationTests).
 */
class ContainerChaosTests {

  @TempDir Path tmp;
  FakeEngine engine = new FakeEngine();
  Workspace ws;
  ContainerChaos chaos;

  @BeforeEach
  void lab() throws Exception {
    ws = coreLab(tmp, engine);
    Lab lab =
        new Lab(
            () -> engine,
            () -> {
              throw new AssertionError("compose is not needed");
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    chaos =
        new ContainerChaos(
            lab, ws, Clock.fixed(Instant.parse("2026-11-24T22:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void killOfTheDbAliasKillsMysqlAndRecordsIt() {
    assertThat(chaos.enable(ContainerChaos.Type.KILL, "db", 3)).isEqualTo(1);

    assertThat(engine.state("mysql")).isEqualTo("exited");
    assertThat(engine.state("perfshop-server")).isEqualTo("running");
    assertThat(chaos.active())
        .containsExactly(
            new ContainerChaos.Active(
                ContainerChaos.Type.KILL,
                "mysql",
                3,
                Instant.parse("2026-11-24T22:00:00Z"),
                "exited"));
  }

  @Test
  void disableHealsOnlyWhatChaosBrokeAndForgetsIt() {
    chaos.enable(ContainerChaos.Type.KILL, "db", 2);
    engine.kill(engine.id("nginx")); // stopped by an operator, not by chaos

    assertThat(chaos.disable(ContainerChaos.Type.KILL, null)).containsExactly("mysql");

    assertThat(engine.state("mysql")).isEqualTo("running");
    assertThat(engine.state("nginx")).as("not chaos's to heal").isEqualTo("exited");
    assertThat(chaos.active()).isEmpty();
    assertThat(chaos.disable(ContainerChaos.Type.KILL, "db")).as("idempotent").isEmpty();
  }

  @Test
  void pauseIsHealedByUnpauseAndHaltHealsEveryLastingAnomaly() {
    chaos.enable(ContainerChaos.Type.PAUSE, "server", 1);
    chaos.enable(ContainerChaos.Type.KILL, "web", 5);
    assertThat(engine.state("perfshop-server")).isEqualTo("paused");

    assertThat(chaos.halt())
        .containsExactlyInAnyOrder("container-kill nginx", "container-pause perfshop-server");

    assertThat(engine.state("perfshop-server")).isEqualTo("running");
    assertThat(engine.state("nginx")).isEqualTo("running");
    assertThat(chaos.any()).isFalse();
    assertThat(engine.actions).contains("unpause perfshop-server", "restart nginx");
  }

  @Test
  void restartIsOverOnceDoneAndLeavesNoRecord() {
    chaos.enable(ContainerChaos.Type.RESTART, "mysql", 1);

    assertThat(engine.actions).containsExactly("restart mysql");
    assertThat(chaos.any()).isFalse();
  }

  @Test
  void anUnknownServiceIsAUsageErrorNamingTheServicesAndRecordsNothing() {
    assertThatThrownBy(() -> chaos.enable(ContainerChaos.Type.KILL, "redis", 1))
        .isInstanceOfSatisfying(
            LabException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
              assertThat(e.getMessage()).contains("no service 'redis'");
              assertThat(e.hints()).anyMatch(h -> h.contains("mysql, nginx, perfshop-server"));
            });
    assertThatThrownBy(() -> chaos.enable(ContainerChaos.Type.KILL, "db", 6))
        .isInstanceOf(LabException.class)
        .hasMessageContaining("level must be 1 to 5");
    assertThat(engine.actions).isEmpty();
    assertThat(chaos.any()).isFalse();
  }

  @Test
  void aRecordWhoseServiceIsGoneIsForgottenOnHeal() {
    chaos.enable(ContainerChaos.Type.KILL, "db", 1);
    engine.containers.clear(); // the lab went down by other means

    assertThat(chaos.disable(ContainerChaos.Type.KILL, null)).containsExactly("mysql");
    assertThat(chaos.any()).isFalse();
  }

  @Test
  void everyChangeIsAuditedWithItsActorNewestFirst() {
    chaos.by("ana@cli", null).enable(ContainerChaos.Type.KILL, "db", 4);
    chaos.by("runner@cli", "database-down").enable(ContainerChaos.Type.PAUSE, "web", 2);
    chaos.by("ana@cli", null).disable(ContainerChaos.Type.KILL, "db");
    chaos.halt();

    assertThat(ContainerChaos.audit(ws, 10))
        .extracting(
            ContainerChaos.AuditEntry::action,
            ContainerChaos.AuditEntry::type,
            ContainerChaos.AuditEntry::service,
            ContainerChaos.AuditEntry::actor,
            ContainerChaos.AuditEntry::scenarioId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "halt", "container-pause", "nginx", "ana@cli", null),
            org.assertj.core.groups.Tuple.tuple(
                "disable", "container-kill", "mysql", "ana@cli", null),
            org.assertj.core.groups.Tuple.tuple(
                "enable", "container-pause", "nginx", "runner@cli", "database-down"),
            org.assertj.core.groups.Tuple.tuple(
                "enable", "container-kill", "mysql", "ana@cli", null));
    assertThat(ContainerChaos.audit(ws, 1)).hasSize(1);
    assertThat(ContainerChaos.audit(ws, 10).get(3).level()).isEqualTo("4");
  }

  @Test
  void onlyCatalogueNamesAreTypes() {
    assertThat(ContainerChaos.Type.of("container-kill")).contains(ContainerChaos.Type.KILL);
    assertThat(ContainerChaos.Type.of("container-kill; rm -rf /")).isEmpty();
    assertThat(ContainerChaos.Type.of("KILL")).isEmpty();
  }

  /** A rendered lab named "t" under {@code base} whose engine runs the core services. */
  static Workspace coreLab(Path base, FakeEngine engine) throws java.io.IOException {
    Workspace ws = new Workspace(base, "t");
    Files.createDirectories(ws.dir());
    Files.writeString(ws.dir().resolve(Workspace.META), "profiles=core\n");
    engine.add("mysql");
    engine.add("perfshop-server");
    engine.add("nginx");
    return ws;
  }

  /** Containers as a map service -> state; every action is logged. */
  static final class FakeEngine implements DockerEngine {
    final Map<String, String> containers = new LinkedHashMap<>();
    final List<String> actions = new ArrayList<>();
    long memoryBytes = 1L << 34;

    void add(String service) {
      containers.put(service, "running");
    }

    String id(String service) {
      return "id-" + service;
    }

    String state(String service) {
      return containers.get(service);
    }

    private String service(String id) {
      return id.substring("id-".length());
    }

    private void act(String action, String id, String state) {
      actions.add(action + " " + service(id));
      containers.put(service(id), state);
    }

    @Override
    public EngineInfo info() {
      return new EngineInfo("fake", "1", "1.41", memoryBytes, 2);
    }

    @Override
    public List<LabContainer> containers(String project) {
      return containers.entrySet().stream()
          .map(
              e ->
                  new LabContainer(
                      id(e.getKey()), e.getKey(), e.getKey(), e.getValue(), "none", 0, 0, ""))
          .toList();
    }

    @Override
    public void logs(String containerId, int tail, boolean follow, Consumer<String> sink) {}

    @Override
    public void remove(String containerId) {
      containers.remove(service(containerId));
    }

    @Override
    public void kill(String containerId) {
      act("kill", containerId, "exited");
    }

    @Override
    public void pause(String containerId) {
      act("pause", containerId, "paused");
    }

    @Override
    public void unpause(String containerId) {
      act("unpause", containerId, "running");
    }

    @Override
    public void restart(String containerId) {
      act("restart", containerId, "running");
    }

    @Override
    public void tag(String source, String target) {
      actions.add("tag " + source + " " + target);
    }

    @Override
    public Optional<Stats> stats(String containerId) {
      return Optional.empty();
    }

    @Override
    public void close() {}
  }
}
