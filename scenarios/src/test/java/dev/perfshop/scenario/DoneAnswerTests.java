package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Doing enigmas ({@code type: done}): K checkouts through a token check, nothing typed. */
class DoneAnswerTests {

  private static final String BASE =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: doing
      title: Doing
      level: BAC4
      families: [scripting, performance]
      summary: Solved by doing.
      duration: 10m
      steps:
        - at: 0s
          chaos: {enable: csrf-token, level: 2, ttl: 5m}
        - at: 0s
          enigma: {open: checkouts}
      enigmas:
        - id: checkouts
          question: Complete 5 checkouts.
          answer: {type: done, checkouts: 5}
      """;

  private final ScenarioParser parser = new ScenarioParser();

  @Test
  void aDoneAnswerParsesWithItsCountAndTheTokenCheckThatGatesIt() {
    Scenario s = parser.parse("doing.yaml", BASE);
    Scenario.Answer a = s.enigmas().getFirst().answer();
    assertThat(a.type()).isEqualTo("done");
    assertThat(a.checkouts()).isEqualTo(5);
    assertThat(s.anomaliesOf("checkouts")).containsExactly("csrf-token");
  }

  @Test
  void aDoneAnswerNeedsACountBetweenOneAndAHundred() {
    for (String bad :
        new String[] {
          "{type: done}", "{type: done, checkouts: 0}", "{type: done, checkouts: 101}"
        }) {
      assertThatThrownBy(
              () -> parser.parse("bad.yaml", BASE.replace("{type: done, checkouts: 5}", bad)))
          .isInstanceOf(ScenarioException.class)
          .hasMessageContaining("a done answer needs checkouts");
    }
  }

  @Test
  void aDoneAnswerTakesNothingTyped() {
    String yaml =
        BASE.replace("{type: done, checkouts: 5}", "{type: done, checkouts: 5, value: 5}");
    assertThatThrownBy(() -> parser.parse("typed.yaml", yaml))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("a done answer takes only checkouts");
  }

  @Test
  void aDoneEnigmaWithoutATokenCheckIsRefused() {
    String yaml =
        BASE.replace(
            "{enable: csrf-token, level: 2, ttl: 5m}", "{enable: latency, level: 2, ttl: 5m}");
    assertThatThrownBy(() -> parser.parse("untokened.yaml", yaml))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("a done enigma counts checkouts through a token check");
  }

  @Test
  void theShippedBac4ScriptingScenariosAreSolvedByDoing() {
    for (String id :
        new String[] {
          "scripting-csrf", "token-chain", "load-profile", "signed-checkout", "action-tokens"
        }) {
      Scenario s =
          ScenarioLibrary.shipped().stream()
              .map(ScenarioLibrary.Entry::scenario)
              .filter(x -> x.id().equals(id))
              .findFirst()
              .orElseThrow();
      assertThat(s.enigmas()).as(id).anyMatch(e -> e.answer().type().equals("done"));
    }
  }
}
