package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped library is large enough, covers every level and family, and is mostly of the run. */
class LibraryCountsTests {

  private final List<Scenario> library =
      ScenarioLibrary.shipped().stream().map(ScenarioLibrary.Entry::scenario).toList();

  private List<Scenario.Enigma> enigmas() {
    return library.stream().flatMap(s -> s.enigmas().stream()).toList();
  }

  @Test
  void atLeastSixtyEnigmasAndTenPerLevel() {
    assertThat(enigmas()).hasSizeGreaterThanOrEqualTo(60);
    Map<Level, Integer> perLevel =
        library.stream()
            .collect(
                Collectors.groupingBy(
                    Scenario::level, Collectors.summingInt(s -> s.enigmas().size())));
    for (Level level : Level.values()) {
      assertThat(perLevel.getOrDefault(level, 0)).as(level.name()).isGreaterThanOrEqualTo(10);
    }
    Set<String> families =
        library.stream().flatMap(s -> s.families().stream()).collect(Collectors.toSet());
    assertThat(families).isEqualTo(ScenarioValidator.FAMILIES);
  }

  @Test
  void mostAnswersAreBoundToTheRunAndFixedAnswersAreAtMostAFifth() {
    List<Scenario.Enigma> all = enigmas();
    // of the run: measured by the server, drawn from the seed (a bound value, or a choice whose
    // right options follow the anomaly drawn), or done by the student's own script
    List<Scenario.Enigma> fixed =
        all.stream()
            .filter(e -> !Set.of("measured", "bound", "done").contains(e.answer().type()))
            .filter(e -> e.answer().binding() == null)
            .toList();
    assertThat(fixed.size() * 5)
        .as(
            "answers the same for every class (concept questions, fixed choices): %s",
            fixed.stream().map(Scenario.Enigma::id).toList())
        .isLessThanOrEqualTo(all.size());
    long boundChoices =
        all.stream()
            .filter(e -> e.answer().type().equals("choice") && e.answer().binding() != null)
            .count();
    assertThat(boundChoices)
        .as("choices whose right option follows the anomaly drawn")
        .isGreaterThanOrEqualTo(8);
  }

  @Test
  void everyMeasuredAnswerIsGatedByAnAnomalyTheServerCanSee() {
    for (Scenario s : library) {
      for (Scenario.Enigma e : s.enigmas()) {
        if (e.answer().type().equals("measured")) {
          assertThat(s.anomaliesOf(e.id())).as(s.id() + "." + e.id()).isNotEmpty();
        }
      }
    }
  }
}
