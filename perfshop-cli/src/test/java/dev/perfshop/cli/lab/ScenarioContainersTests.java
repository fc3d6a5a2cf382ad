package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.scenario.LabContainers;
import dev.perfshop.cli.scenario.LabPort;
import dev.perfshop.scenario.ChaosTypes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario runner's container adapter ({@link LabContainers}) on a lab workspace: it does what
 * {@code chaos enable container-kill} does, records it where {@code chaos status/halt} find it, and
 * without a Docker lab reports the step as not available. Docker is the fake engine of {@link
 * ContainerChaosTests} (it lives in this package).
 */
class ScenarioContainersTests {

  @TempDir Path tmp;
  final ContainerChaosTests.FakeEngine engine = new ContainerChaosTests.FakeEngine();
  final AtomicInteger connections = new AtomicInteger();
  Workspace ws;

  @BeforeEach
  void lab() throws Exception {
    ws = ContainerChaosTests.coreLab(tmp, engine);
  }

  private Lab connect() {
    connections.incrementAndGet();
    return new Lab(
        () -> engine,
        () -> {
          throw new AssertionError("compose is not needed");
        },
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
  }

  private LabContainers containers(Optional<Workspace> workspace) {
    return new LabContainers(() -> workspace, this::connect, Clock.systemUTC());
  }

  @Test
  void killsTheAliasedServiceRecordsItForChaosStatusAndHealsIt() {
    LabContainers containers = containers(Optional.of(ws));

    assertThat(containers.enable("container-kill", "db", 3)).isEqualTo(1);
    assertThat(engine.state("mysql")).isEqualTo("exited");
    ContainerChaos status = new ContainerChaos(connect(), ws, Clock.systemUTC());
    assertThat(status.active())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo(ContainerChaos.Type.KILL);
              assertThat(a.service()).isEqualTo("mysql");
              assertThat(a.level()).isEqualTo(3);
            });

    assertThat(containers.disable("container-kill", "mysql")).containsExactly("mysql");
    assertThat(engine.state("mysql")).isEqualTo("running");
    assertThat(status.any()).isFalse();
  }

  @Test
  void withoutADockerLabTheStepIsNotAvailableAndDockerIsNotCalled() {
    LabContainers containers = containers(Optional.empty());

    assertThatThrownBy(() -> containers.enable("container-kill", "db", 3))
        .isInstanceOf(LabPort.NotAvailable.class)
        .hasMessageContaining("no Docker lab found");
    assertThatThrownBy(() -> containers.disable("container-kill", null))
        .isInstanceOf(LabPort.NotAvailable.class);
    assertThat(connections).hasValue(0);
    assertThat(engine.actions).isEmpty();
  }

  @Test
  void anUnknownServiceFailsWithTheLabsServicesOnOneLine() {
    assertThatThrownBy(() -> containers(Optional.of(ws)).enable("container-pause", "redis", 1))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("no service 'redis'")
        .hasMessageContaining("services: mysql, nginx, perfshop-server");
    assertThat(engine.actions).isEmpty();
  }

  @Test
  void theScenarioFormatNamesExactlyTheCliContainerAnomalies() {
    assertThat(ChaosTypes.container().keySet())
        .isEqualTo(
            Arrays.stream(ContainerChaos.Type.values())
                .map(ContainerChaos.Type::id)
                .collect(Collectors.toSet()));
    for (ContainerChaos.Type t : ContainerChaos.Type.values()) {
      assertThat(ChaosTypes.lasting(t.id())).as(t.id()).isEqualTo(t.lasting());
    }
  }
}
