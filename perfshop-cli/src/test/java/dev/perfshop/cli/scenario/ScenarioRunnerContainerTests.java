package dev.perfshop.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioParser;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Container anomalies in a run: the runner acts on the lab's containers, journals each step, heals
 * at the TTL itself (nothing else would), and the rollback heals exactly what this run left in
 * place. Time is virtual, so offsets are exact.
 */
class ScenarioRunnerContainerTests {

  private static final String YAML =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: containers
      title: Containers
      level: BAC5
      families: [infrastructure, performance]
      summary: s
      duration: 5m
      ROLLBACK
      steps:
        - at: 10s
          chaos: {enable: container-kill, service: db, level: 3, ttl: 1m}
        - at: 20s
          chaos: {enable: container-pause, service: web, level: 2}
        - at: 30s
          chaos: {enable: container-restart, service: server, level: 1}
        - at: 40s
          chaos: {enable: container-kill, service: server, level: 1, ttl: 1m}
        - at: 50s
          chaos: {disable: container-kill, service: app}
        - at: 2m
          chaos: {enable: latency, level: 1, ttl: 10m}
      """;

  private final FakeLab lab = new FakeLab();

  /** Virtual time: sleeping jumps the clock; an interrupt still ends a sleep. */
  private static final class VirtualSleeper implements ScenarioRunner.Sleeper {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      now.accumulateAndGet(deadline, Math::max);
    }

    @Override
    public long nanoTime() {
      return now.get();
    }
  }

  private static ScenarioPlan plan(String rollback) {
    Scenario s =
        new ScenarioParser()
            .parse(
                "c.yaml",
                YAML.replace("ROLLBACK", rollback == null ? "" : "rollback: " + rollback));
    return ScenarioPlan.of(s, null, 1);
  }

  private Journal run(String rollback) {
    return new ScenarioRunner(
            lab,
            TrafficPort.NONE,
            new VirtualSleeper(),
            Clock.systemUTC(),
            Duration.ofSeconds(1),
            j -> {})
        .run(plan(rollback), "c.yaml");
  }

  @Test
  void enablesJournalsHealsAtTheTtlAndRollsBackOnlyWhatTheRunLeft() {
    Journal journal = run(null);

    assertThat(journal.outcome()).isEqualTo("passed");
    assertThat(lab.calls)
        .containsExactly(
            "enable container-kill db 3",
            "enable container-pause web 2",
            "enable container-restart server 1",
            "enable container-kill server 1",
            "heal container-kill app", // the disable step, as written
            "heal container-kill mysql", // db's TTL is up at 1m10s
            "enable latency 1",
            "heal container-pause nginx", // rollback: left in place by this run
            "disable latency");
    assertThat(journal.entries())
        .filteredOn(e -> e.action().equals("heal container-kill on mysql (ttl)"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.offsetMillis()).isEqualTo(70_000);
              assertThat(e.step()).isZero();
              assertThat(e.result()).isEqualTo(Journal.Result.OK);
            });
    assertThat(journal.entries())
        .as("the server's kill was disabled at 50s: no TTL heal at 1m40s")
        .noneMatch(e -> e.action().equals("heal container-kill on perfshop-server (ttl)"));
    assertThat(journal.entries())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("enable container-kill level 3 on service db");
              assertThat(e.offsetMillis()).isEqualTo(10_000);
              assertThat(e.message()).isEqualTo("healed by the runner after 1m");
            })
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("enable container-pause level 2 on service web");
              assertThat(e.message()).isEqualTo("stays until disabled");
            })
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("heal container-pause on nginx (rollback)");
              assertThat(e.result()).isEqualTo(Journal.Result.OK);
            });
  }

  @Test
  void haltAllHealsTheContainersTheRunLeftBeforeHaltingTheServer() {
    run("halt-all");
    assertThat(lab.calls).endsWith("heal container-pause nginx", "halt");
    assertThat(lab.calls).filteredOn(c -> c.startsWith("heal")).hasSize(3);
  }

  @Test
  void rollbackNoneLeavesThemAndSaysSo() {
    Journal journal = run("none");
    assertThat(lab.calls).endsWith("heal container-kill mysql", "enable latency 1");
    assertThat(journal.entries())
        .anySatisfy(
            e -> {
              assertThat(e.result()).isEqualTo(Journal.Result.SKIPPED);
              assertThat(e.message())
                  .contains("container anomalies stay until perfshop chaos disable")
                  .contains("container-pause on nginx")
                  .doesNotContain("mysql");
            });
  }

  @Test
  void withoutADockerLabContainerStepsAreSkippedAndNothingIsRolledBack() {
    lab.noDockerLab = true;
    Journal journal = run(null);

    assertThat(journal.outcome()).isEqualTo("passed");
    assertThat(lab.calls).containsExactly("enable latency 1", "disable latency");
    assertThat(journal.entries())
        .filteredOn(e -> e.action().contains("container-"))
        .hasSize(5)
        .allSatisfy(
            e -> {
              assertThat(e.result()).isEqualTo(Journal.Result.SKIPPED);
              assertThat(e.message()).isEqualTo("no Docker lab");
            });
  }

  @Test
  void abortHealsTheContainerTheRunKilled() throws Exception {
    ScenarioRunner runner =
        new ScenarioRunner(
            lab,
            TrafficPort.NONE,
            ScenarioRunner.Sleeper.SYSTEM,
            Clock.systemUTC(),
            Duration.ofSeconds(1),
            j -> {});
    AtomicReference<Journal> result = new AtomicReference<>();
    // Time scale 10: the db is killed after 1 s; the pause would come 1 s later.
    ScenarioPlan plan = ScenarioPlan.of(plan(null).scenario(), null, 10);
    Thread t = Thread.ofPlatform().start(() -> result.set(runner.run(plan, "c.yaml")));
    assertThat(lab.firstContainer.await(30, TimeUnit.SECONDS)).isTrue();
    runner.abort();
    t.join(10_000);

    assertThat(t.isAlive()).isFalse();
    assertThat(result.get().outcome()).isEqualTo("aborted");
    assertThat(lab.calls)
        .containsExactly("enable container-kill db 3", "heal container-kill mysql");
  }
}
