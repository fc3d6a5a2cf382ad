package dev.perfshop.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTests {

  private static final String YAML =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: runner-test
      title: Runner test
      level: BAC1
      families: [performance]
      summary: s
      duration: 2m
      seed: 7
      ROLLBACK
      bindings:
        - name: target
          pick: ["GET /api/products", "GET /api/categories", "GET /api/products/{id}"]
      steps:
        - at: 0s
          enigma: {open: which}
        - at: 10s
          chaos: {enable: latency, level: 3, routesFrom: target, ttl: 10m}
        - at: 10s
          expect: {metric: p95, route: "GET /api/products", window: 30s, above: 150ms, within: 30s}
        - at: 1m
          hint: {enigma: which}
        DISABLE
      enigmas:
        - id: which
          question: q
          answer: {type: bound, binding: target}
          hints: [h]
      """;

  private final FakeLab lab = new FakeLab();

  private static Scenario scenario(String rollback, boolean disable) {
    String yaml =
        YAML.replace("ROLLBACK", rollback == null ? "" : "rollback: " + rollback)
            .replace("DISABLE", disable ? "- at: 1m30s\n    chaos: {disable: latency}" : "");
    return new ScenarioParser().parse("t.yaml", yaml);
  }

  private ScenarioRunner runner() {
    return new ScenarioRunner(
        lab,
        TrafficPort.NONE,
        ScenarioRunner.Sleeper.SYSTEM,
        Clock.systemUTC(),
        Duration.ofMillis(5),
        j -> {});
  }

  @Test
  void runsTheTimelineInOrderAndPassesWhenTheAnomalyIsVisible() {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 120, 300, 400);
    ScenarioPlan plan = ScenarioPlan.of(scenario(null, true), null, 600);

    Journal journal = runner().run(plan, "t.yaml");

    assertThat(journal.outcome()).isEqualTo("passed");
    assertThat(journal.failed()).isFalse();
    assertThat(lab.calls)
        .containsExactly(
            "open which [latency]", "enable latency 3", "hint which", "disable latency");
    assertThat(lab.lastTtl).isEqualTo(ScenarioPlan.MIN_TTL);
    assertThat(journal.entries())
        .anySatisfy(
            e -> {
              assertThat(e.action()).startsWith("expect p95");
              assertThat(e.result()).isEqualTo(Journal.Result.OK);
              assertThat(e.observed()).isEqualTo(300.0);
            });
  }

  @Test
  void anUnmetExpectationFailsTheRunAndSaysWhy() {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 5, 10, 12);
    Journal journal = runner().run(ScenarioPlan.of(scenario(null, true), null, 600), "t.yaml");

    assertThat(journal.outcome()).isEqualTo("failed");
    assertThat(journal.entries())
        .filteredOn(e -> e.result() == Journal.Result.FAILED)
        .singleElement()
        .satisfies(
            e -> assertThat(e.message()).isEqualTo("last observed 10.0ms, expected above 150ms"));
  }

  @Test
  void noTrafficOnTheRouteIsAFailureNotAPass() {
    lab.stat = null;
    Journal journal = runner().run(ScenarioPlan.of(scenario(null, true), null, 600), "t.yaml");
    assertThat(journal.failed()).isTrue();
    assertThat(journal.entries())
        .anySatisfy(e -> assertThat(e.message()).contains("no traffic was observed"));
  }

  @Test
  void whatTheRunEnabledIsDisabledAtTheEnd() {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 120, 300, 400);
    runner().run(ScenarioPlan.of(scenario(null, false), null, 600), "t.yaml");
    assertThat(lab.calls).endsWith("disable latency");
  }

  @Test
  void rollbackHaltAllHaltsEverything() {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 120, 300, 400);
    runner().run(ScenarioPlan.of(scenario("halt-all", false), null, 600), "t.yaml");
    assertThat(lab.calls).endsWith("halt").doesNotContain("disable latency");
  }

  @Test
  void abortStopsTheRunAndDisablesWhatItEnabled() throws Exception {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 120, 300, 400);
    ScenarioRunner runner = runner();
    AtomicReference<Journal> result = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .start(
                () ->
                    result.set(
                        runner.run(ScenarioPlan.of(scenario(null, true), null, 1), "t.yaml")));
    assertThat(lab.firstEnable.await(30, TimeUnit.SECONDS)).isTrue();
    runner.abort();
    t.join(10_000);

    assertThat(t.isAlive()).isFalse();
    assertThat(result.get().outcome()).isEqualTo("aborted");
    assertThat(lab.calls).endsWith("disable latency").doesNotContain("hint which");
  }

  @Test
  void bindingsAreChosenFromTheSeedAndTargetTheChaos() {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 120, 300, 400);
    ScenarioPlan a = ScenarioPlan.of(scenario(null, true), null, 600);
    ScenarioPlan b = ScenarioPlan.of(scenario(null, true), null, 600);
    assertThat(a.bindings()).isEqualTo(b.bindings());
    boolean differs = false;
    for (long seed = 1; seed < 20 && !differs; seed++) {
      differs = !ScenarioPlan.of(scenario(null, true), seed, 600).bindings().equals(a.bindings());
    }
    assertThat(differs).as("another seed can choose another value").isTrue();

    runner().run(a, "t.yaml");
    assertThat(lab.lastRoutes).containsExactly(a.bindings().get("target"));
  }

  @Test
  void theAnomalyAmongSeveralIsTheOneTheSeedDrewFromEnableToDisable() {
    String yaml =
        """
        apiVersion: perfshop.dev/v1
        kind: Scenario
        id: among
        title: Among several
        level: BAC5
        families: [performance]
        summary: s
        duration: 2m
        bindings:
          - name: incident
            pick: [gc-pressure, memory-leak, cpu-burn]
        steps:
          - at: 0s
            chaos: {enableFrom: incident, level: 3, ttl: 10m}
          - at: 0s
            enigma: {open: what}
          - at: 1m
            chaos: {disableFrom: incident}
        enigmas:
          - id: what
            question: q
            answer:
              type: choice
              binding: incident
              options: [GC, Leak, CPU]
              correctWhen: {gc-pressure: [0], memory-leak: [1], cpu-burn: [2]}
        """;
    Scenario scenario = new ScenarioParser().parse("among.yaml", yaml);
    for (long seed = 1; seed <= 6; seed++) {
      lab.calls.clear();
      ScenarioPlan plan = ScenarioPlan.of(scenario, seed, 600);
      String drawn = plan.bindings().get("incident");
      runner().run(plan, "among.yaml");
      assertThat(lab.calls)
          .as("seed %d", seed)
          .containsExactly(
              "enable " + drawn + " 3", "open what [" + drawn + "]", "disable " + drawn);
    }
  }

  @Test
  void aPromqlExpectationWithoutPrometheusIsSkippedWithTheOptionToGive() {
    String yaml =
        YAML.replace("ROLLBACK", "")
            .replace("DISABLE", "- at: 1m30s\n    chaos: {disable: latency}")
            .replace(
                "expect: {metric: p95, route: \"GET /api/products\", window: 30s, above: 150ms,"
                    + " within: 30s}",
                "expect: {promql: \"max(process_cpu_usage)\", above: \"0.5\", within: 30s}");
    ScenarioPlan plan = ScenarioPlan.of(new ScenarioParser().parse("p.yaml", yaml), null, 600);

    Journal journal = runner().run(plan, "p.yaml");

    assertThat(journal.entries())
        .filteredOn(e -> e.action().startsWith("expect"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.result()).isEqualTo(Journal.Result.SKIPPED);
              assertThat(e.message()).contains("--prometheus URL").doesNotContain("URI");
            });
    assertThat(journal.failed()).isFalse();
  }

  @Test
  void enigmasAreOpenedWithTheAnomalyThatMakesThemObservable() {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 120, 300, 400);
    runner().run(ScenarioPlan.of(scenario(null, true), null, 600), "t.yaml");
    assertThat(lab.calls).startsWith("open which [latency]");
  }

  @Test
  void dryRunSendsNothing() {
    Journal journal = runner().dryRun(ScenarioPlan.of(scenario(null, true), null, 1), "t.yaml");
    assertThat(lab.calls).isEmpty();
    assertThat(journal.entries())
        .hasSize(5)
        .allSatisfy(e -> assertThat(e.result()).isEqualTo(Journal.Result.SKIPPED));
  }

  @Test
  void journalRoundTripsAndJUnitReportsTheFailure(@TempDir Path dir) throws Exception {
    lab.stat = new LabPort.RouteStat("GET /api/products", 50, 10, 0, 5, 10, 12);
    Journal journal = runner().run(ScenarioPlan.of(scenario(null, true), null, 600), "t.yaml");

    Path json = dir.resolve("journal.json");
    JournalFiles.writeJson(journal, json);
    Journal.Document read = JournalFiles.readJson(json);
    assertThat(read.scenarioId()).isEqualTo("runner-test");
    assertThat(read.seed()).isEqualTo(7);
    assertThat(read.outcome()).isEqualTo("failed");
    assertThat(read.entries()).hasSameSizeAs(journal.entries());

    Path xml = dir.resolve("junit.xml");
    JournalFiles.writeJUnit(journal, xml);
    String text = Files.readString(xml);
    assertThat(text)
        .contains("tests=\"1\" failures=\"1\"")
        .contains("<failure message=\"last observed 10.0ms");
  }
}
