package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioParserTests {

  private final ScenarioParser parser = new ScenarioParser();

  @Test
  void parsesAWellFormedHeader() {
    Scenario s =
        parser.parse(
            "slow.yaml",
            """
            apiVersion: perfshop.dev/v1
            kind: Scenario
            id: slow-catalog
            title: Is the shop slow, and where?
            level: BAC1
            families: [performance]
            summary: Find the slow route from the latency chart.
            """);
    assertThat(s.id()).isEqualTo("slow-catalog");
    assertThat(s.level()).isEqualTo(Level.BAC1);
    assertThat(s.families()).containsExactly("performance");
  }

  @Test
  void unknownKeyIsReportedWithLineAndColumn() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "bad.yaml",
                    """
                    apiVersion: perfshop.dev/v1
                    kind: Scenario
                    id: x1
                    title: t
                    level: BAC1
                    colour: red
                    """))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.column()).isEqualTo(1);
              assertThat(e.getMessage()).startsWith("bad.yaml:6:1:").contains("colour");
            });
  }

  @Test
  void levelOutOfRangeIsRefused() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "lvl.yaml",
                    """
                    apiVersion: perfshop.dev/v1
                    kind: Scenario
                    id: x1
                    title: t
                    level: BAC9
                    """))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("lvl.yaml:5:");
  }

  @Test
  void wrongKindIsRefused() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "kind.yaml",
                    "apiVersion: perfshop.dev/v1\nkind: Other\nid: x1\ntitle: t\nlevel: BAC2\n"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("kind must be Scenario");
  }
}
