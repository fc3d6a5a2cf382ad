package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTests {

  private static final String VALID =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: slow-catalog
      title: Is the shop slow, and where?
      level: BAC1
      families: [performance]
      summary: Find the slow route from the latency chart.
      duration: 10m
      steps:
        - at: 0s
          enigma: {open: which-route}
        - at: 30s
          chaos: {enable: latency, level: 3, routes: ["GET /api/products/{id}"], ttl: 5m}
        - at: 1m
          expect: {metric: p95, route: "GET /api/products/{id}", above: 200ms, within: 1m}
        - at: 2m
          hint: {enigma: which-route}
      enigmas:
        - id: which-route
          question: Which route is slow?
          answer: {type: route, route: "GET /api/products/{id}"}
          hints: [Sort by p95.]
      """;

  private final ScenarioParser parser = new ScenarioParser();

  @Test
  void parsesAWellFormedScenario() {
    Scenario s = parser.parse("slow.yaml", VALID);
    assertThat(s.id()).isEqualTo("slow-catalog");
    assertThat(s.level()).isEqualTo(Level.BAC1);
    assertThat(s.steps()).hasSize(4);
    assertThat(s.steps().get(1).chaos().enable()).isEqualTo("latency");
    assertThat(s.steps().get(1).chaos().level()).isEqualTo(3);
    assertThat(s.enigmas().getFirst().answer().route()).isEqualTo("GET /api/products/{id}");
    assertThat(s.rollback()).isEqualTo(Scenario.Rollback.HALT_ENABLED);
  }

  @Test
  void unknownKeyIsReportedWithLineAndColumn() {
    String yaml = VALID.replace("level: BAC1\n", "level: BAC1\ncolour: red\n");
    assertThatThrownBy(() -> parser.parse("bad.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.column()).isEqualTo(1);
              assertThat(e.getMessage()).startsWith("bad.yaml:6:1:").contains("colour");
            });
  }

  @Test
  void levelOutOfRangeIsRefusedAtItsLine() {
    assertThatThrownBy(() -> parser.parse("lvl.yaml", VALID.replace("BAC1", "BAC9")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("lvl.yaml:5:");
  }

  @Test
  void unknownChaosTypeIsNamedAtItsPlace() {
    String yaml = VALID.replace("enable: latency", "enable: frobnicate");
    assertThatThrownBy(() -> parser.parse("t.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.errors()).hasSize(1);
              assertThat(e.line()).isEqualTo(13);
              assertThat(e.getMessage()).contains("unknown chaos type 'frobnicate'");
            });
  }

  @Test
  void chaosLevelOutOfRangeIsRefused() {
    String yaml = VALID.replace("level: 3", "level: 7");
    assertThatThrownBy(() -> parser.parse("t.yaml", yaml))
        .hasMessageContaining("t.yaml:13:")
        .hasMessageContaining("level must be between 1 and 5");
  }

  @Test
  void offsetsThatGoBackInTimeAreRefused() {
    String yaml = VALID.replace("- at: 1m", "- at: 10s");
    assertThatThrownBy(() -> parser.parse("t.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.line()).isEqualTo(14);
              assertThat(e.getMessage()).contains("must not go back in time");
            });
  }

  @Test
  void referenceToAMissingEnigmaIsRefused() {
    String yaml = VALID.replace("hint: {enigma: which-route}", "hint: {enigma: nowhere}");
    assertThatThrownBy(() -> parser.parse("t.yaml", yaml))
        .hasMessageContaining("t.yaml:17:")
        .hasMessageContaining("no enigma with id 'nowhere'");
  }

  @Test
  void everyErrorIsReportedNotOnlyTheFirst() {
    String yaml = VALID.replace("enable: latency", "enable: nope").replace("- at: 2m", "- at: 20m");
    assertThatThrownBy(() -> parser.parse("t.yaml", yaml))
        .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).hasSize(2));
  }

  @Test
  void nullValuesAreErrorsNotCrashes() {
    // Found by the fuzz test: a null answer type reached Set.contains(null).
    assertThatThrownBy(
            () -> parser.parse("t.yaml", VALID.replace("{type: route, route:", "{type: ~, route:")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("answer type must be one of");
    assertThatThrownBy(() -> parser.parse("t.yaml", VALID.replace("[performance]", "[~]")))
        .isInstanceOf(ScenarioException.class);
    assertThatThrownBy(() -> parser.parse("t.yaml", VALID.replace("metric: p95", "metric: ~")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("metric must be one of");
  }

  @Test
  void yamlTypeTagsAreNotInstantiated() {
    String yaml =
        VALID.replace("title: Is the shop slow, and where?", "title: !!java.io.File /etc/passwd");
    // The tag is ignored by the data binder: the value stays a plain string, nothing is created.
    Scenario s = parser.parse("t.yaml", yaml);
    assertThat(s.title()).isEqualTo("/etc/passwd");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "[".repeat(100) + "]".repeat(100);
    assertThatThrownBy(() -> parser.parse("t.yaml", VALID.replace("[performance]", deep)))
        .isInstanceOf(ScenarioException.class);
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char p = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [");
      bomb.append(("*" + p + ", ").repeat(9)).append("*").append(p).append("]\n");
    }
    assertThatThrownBy(() -> parser.parse("bomb.yaml", bomb.toString()))
        .isInstanceOf(ScenarioException.class);
  }

  @Test
  void oversizeFileIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "# " + "x".repeat((int) ScenarioParser.MAX_BYTES));
    assertThatThrownBy(() -> parser.parse(big))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("the limit is");
  }

  @Test
  void wrongKindIsRefused() {
    assertThatThrownBy(
            () -> parser.parse("kind.yaml", VALID.replace("kind: Scenario", "kind: Other")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("kind.yaml:2:")
        .hasMessageContaining("kind must be Scenario");
  }

  @Test
  void anAliasIsRefusedAtItsPlaceInsteadOfLoadingItsName() {
    // The binder used to load `*t` as the text "t": a meaning the file does not have.
    String yaml =
        VALID.replace("summary: Find the slow route from the latency chart.", "summary: *t");
    assertThatThrownBy(() -> parser.parse("alias.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ScenarioException.Error::toString)
                    .containsExactly(
                        "alias.yaml:7:10: YAML aliases are not allowed (*t):"
                            + " write the value out in full"));
  }

  @Test
  void anAnchorAndItsAliasAreBothRefusedWithTheirPlaces() {
    String yaml =
        VALID
            .replace("title: Is the shop slow, and where?", "title: &t Is the shop slow?")
            .replace("summary: Find the slow route from the latency chart.", "summary: *t");
    assertThatThrownBy(() -> parser.parse("anchor.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e ->
                assertThat(e.errors())
                    .extracting(err -> err.line() + ":" + err.column() + " " + err.message())
                    .containsExactly(
                        "4:8 YAML anchors are not allowed (&t): write each value out in full",
                        "7:10 YAML aliases are not allowed (*t): write the value out in full"));
  }

  @Test
  void billionLaughsMadeOfKnownFieldsIsRefused() {
    // Every key is a real scenario key: before anchors were refused this validated as ok.
    StringBuilder bomb =
        new StringBuilder(VALID.replace("families: [performance]", "families: &l0 [performance]"));
    bomb.append("  - id: laughs\n    question: How many?\n");
    bomb.append("    answer: {type: number, value: 1}\n");
    bomb.append("    hints: &l1 [").append("*l0, ".repeat(9)).append("*l0]\n");
    for (int i = 2; i <= 9; i++) {
      bomb.append("  - id: laughs-").append(i).append("\n    question: More?\n");
      bomb.append("    answer: {type: number, value: 1}\n");
      bomb.append("    hints: &l").append(i).append(" [");
      bomb.append(("*l" + (i - 1) + ", ").repeat(9)).append("*l").append(i - 1).append("]\n");
    }
    assertThatThrownBy(() -> parser.parse("laughs.yaml", bomb.toString()))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("laughs.yaml:6:11: YAML anchors are not allowed (&l0)");
  }

  @Test
  void aBadEnumValueNamesTheAllowedValuesAndNoJavaClass() {
    assertThatThrownBy(() -> parser.parse("lvl.yaml", VALID.replace("BAC1", "BAC9")))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("lvl.yaml:5:1: level must be one of BAC1, BAC2, BAC3, BAC4, BAC5");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "rb.yaml", VALID.replace("duration: 10m", "duration: 10m\nrollback: later")))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("rb.yaml:9:1: rollback must be one of halt-enabled, halt-all, none");
  }

  @Test
  void aValueOfTheWrongShapeSaysWhatTheFieldTakes() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "seed.yaml", VALID.replace("duration: 10m", "duration: 10m\nseed: abc")))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("seed.yaml:9:1: seed must be a whole number");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "lvl.yaml",
                    VALID.replace("enable: latency, level: 3", "enable: latency, level: [3]")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("steps[1].chaos.level must be a whole number")
        .hasMessageNotContaining("java.")
        .hasMessageNotContaining("Integer");
  }

  @Test
  void anUnknownKeyNamesTheKnownKeysAndNoJavaClass() {
    String yaml = VALID.replace("level: BAC1\n", "level: BAC1\ncolour: red\n");
    assertThatThrownBy(() -> parser.parse("bad.yaml", yaml))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("bad.yaml:6:1: unknown key 'colour'; known keys here: apiVersion,")
        .hasMessageNotContaining("dev.perfshop")
        .hasMessageNotContaining("class");
  }
}
