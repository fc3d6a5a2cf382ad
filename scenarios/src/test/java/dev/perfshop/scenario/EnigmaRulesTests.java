package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The validator's rules about enigmas: opened, observable, hints not split by a comma. */
class EnigmaRulesTests {

  private static final String BASE =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: rules
      title: Rules
      level: BAC1
      families: [performance, functional]
      summary: Enigma rules.
      duration: 10m
      steps:
        - at: 0s
          enigma: {open: first}
        - at: 30s
          chaos: {enable: latency, level: 2, ttl: 5m}
        - at: 1m
          enigma: {open: second}
        - at: 3m
          chaos: {enable: error-rate, level: 1, ttl: 5m}
        - at: 4m
          enigma: {open: third}
      enigmas:
        - id: first
          question: Which route?
          answer: {type: route, route: "GET /api/products"}
          hints: [Sort by p95.]
        - id: second
          question: How slow?
          answer: {type: number, value: 200, tolerance: 50, unit: ms}
        - id: third
          question: Which fails?
          answer: {type: route, route: "GET /api/products"}
      """;

  private final ScenarioParser parser = new ScenarioParser();

  @Test
  void anEnigmaNoStepOpensIsRefusedAtItsId() {
    String yaml = BASE.replace("  - at: 4m\n    enigma: {open: third}\n", "");
    assertThatThrownBy(() -> parser.parse("never.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.errors()).hasSize(1);
              assertThat(e.getMessage())
                  .startsWith("never.yaml:26:")
                  .contains("no step opens enigma 'third'");
            });
  }

  @Test
  void aFlowSequenceThatSplitsASentenceIsFlagged() {
    String yaml =
        BASE.replace(
            "hints: [Sort by p95.]", "hints: [Look at the floor after each GC, not the peaks.]");
    assertThatThrownBy(() -> parser.parse("split.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.errors()).hasSize(1);
              assertThat(e.line()).isEqualTo(24);
              assertThat(e.column()).isGreaterThan(40);
              assertThat(e.getMessage()).contains("splits a sentence into two hints");
            });
  }

  @Test
  void quotedOrSeparateSentencesAreNotFlagged() {
    assertThat(
            parser
                .parse(
                    "ok.yaml",
                    BASE.replace(
                        "hints: [Sort by p95.]",
                        "hints: [\"Look at the floor after each GC, not the peaks.\", Then compare.]"))
                .enigmas()
                .getFirst()
                .hints())
        .hasSize(2);
    assertThat(ScenarioValidator.looksSplit("Sort by p95.", "then by p99")).isFalse();
    assertThat(ScenarioValidator.looksSplit("Open the developer tools", "p95")).isFalse();
    assertThat(ScenarioValidator.looksSplit("Open the developer tools", "in the Network tab"))
        .isTrue();
  }

  @Test
  void anEnigmaWithoutAnyAnomalyMustBeAWarmup() {
    String noChaos =
        BASE.replace("  - at: 30s\n    chaos: {enable: latency, level: 2, ttl: 5m}\n", "")
            .replace("  - at: 3m\n    chaos: {enable: error-rate, level: 1, ttl: 5m}\n", "");
    assertThatThrownBy(() -> parser.parse("calm.yaml", noChaos))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.errors()).hasSize(3);
              assertThat(e.getMessage()).contains("mark it `warmup: true`");
            });
    String warm =
        noChaos
            .replace("    hints: [Sort by p95.]\n", "    hints: [Sort by p95.]\n    warmup: true\n")
            .replace("unit: ms}\n", "unit: ms}\n    warmup: true\n")
            .replace(
                "question: Which fails?\n    answer: {type: route, route: \"GET /api/products\"}\n",
                "question: Which fails?\n    answer: {type: route, route: \"GET /api/products\"}\n"
                    + "    warmup: true\n");
    assertThat(parser.parse("warm.yaml", warm).enigmas()).allMatch(Scenario.Enigma::isWarmup);
  }

  @Test
  void anEnigmaNeedsTheAnomalyLiveWhenItOpensOrTheNextOne() {
    Scenario s = parser.parse("groups.yaml", BASE);
    assertThat(s.anomaliesOf("first")).containsExactly("latency");
    assertThat(s.anomaliesOf("second")).containsExactly("latency");
    assertThat(s.anomaliesOf("third")).containsExactly("error-rate");
    assertThat(s.anomaliesOf("nope")).isEmpty();
  }

  @Test
  void theShippedChaosDayTiesEachIncidentToItsAnomaly() {
    Scenario day =
        ScenarioLibrary.shipped().stream()
            .map(ScenarioLibrary.Entry::scenario)
            .filter(s -> s.id().equals("chaos-day"))
            .findFirst()
            .orElseThrow();
    // before the run: any anomaly the incident may draw; in a run: the one drawn
    assertThat(day.anomaliesOf("first"))
        .containsExactlyInAnyOrder("gc-pressure", "memory-leak", "cpu-burn");
    assertThat(day.anomaliesOf("fourth"))
        .containsExactlyInAnyOrder("thread-starvation", "thread-leak");
    Scenario run =
        day.resolve(
            java.util.Map.of(
                "incident-1", "memory-leak",
                "incident-2", "oversell",
                "incident-3", "db-latency",
                "incident-4", "thread-leak"));
    assertThat(run.anomaliesOf("first")).containsExactly("memory-leak");
    assertThat(run.anomaliesOf("third")).containsExactly("db-latency");
    assertThat(run.anomaliesOf("fourth")).containsExactly("thread-leak");
  }
}
