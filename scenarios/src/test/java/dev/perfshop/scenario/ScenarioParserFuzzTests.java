package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and malicious YAML never crashes the parser: every input either parses into a valid
 * scenario or fails with a located {@link ScenarioException}, and none takes more than a second (a
 * denial-of-service bound, not a speed goal).
 */
class ScenarioParserFuzzTests {

  private static final String SEED_TEXT =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: fuzz-me
      title: Fuzz
      level: BAC2
      families: [performance]
      summary: s
      duration: 5m
      steps:
        - at: 0s
          chaos: {enable: latency, level: 2, ttl: 4m}
        - at: 1m
          enigma: {open: e1}
      enigmas:
        - id: e1
          question: q
          answer: {type: number, value: 3, tolerance: 1}
          hints: [h]
      """;

  private final ScenarioParser parser = new ScenarioParser();

  @Property(tries = 1000)
  void randomTextNeverCrashes(@ForAll("yamlish") String text) {
    check(text);
  }

  @Property(tries = 1000)
  void mutatedScenariosNeverCrash(@ForAll("mutations") String text) {
    check(text);
  }

  private void check(String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(1),
        () -> {
          try {
            Scenario s = parser.parse("fuzz.yaml", text);
            assertThat(ScenarioValidator.validate(s)).isEmpty();
          } catch (ScenarioException e) {
            assertThat(e.errors()).isNotEmpty();
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
            assertThat(e.errors())
                .allSatisfy(
                    err ->
                        // Text quoted from the file ('…') may say anything.
                        assertThat(err.message().replaceAll("'[^']*'", "''"))
                            .doesNotContainPattern(
                                "dev\\.perfshop|java\\.(lang|util)|tools\\.jackson|org\\.snakeyaml")
                            .doesNotContain("Cannot deserialize"));
          }
        });
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings()
        .withChars("abc:-[]{}&*!|>'\"#%@`,?\n\t 0123456789.~")
        .ofMaxLength(400);
  }

  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, SEED_TEXT.length() - 1);
    Arbitrary<String> insert =
        Arbitraries.of(
            "",
            "\n",
            ": ",
            "- ",
            "[",
            "]",
            "{",
            "}",
            "&a ",
            "*a",
            "!!java.lang.Runtime ",
            "'",
            "\"",
            "\t",
            "level: 9\n",
            "  - at: 0s\n",
            "<<: *a\n",
            "\u0000",
            "\uFEFF",
            "%YAML 1.1\n",
            "? ",
            "|\n",
            "99999999999999999999",
            "~",
            " null",
            "type: ~\n",
            "[~]",
            "{}",
            "  answer: ~\n");
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, 20);
    return Combinators.combine(position, insert, cut)
        .as(
            (at, text, remove) ->
                SEED_TEXT.substring(0, at)
                    + text
                    + SEED_TEXT.substring(Math.min(SEED_TEXT.length(), at + remove)));
  }
}
