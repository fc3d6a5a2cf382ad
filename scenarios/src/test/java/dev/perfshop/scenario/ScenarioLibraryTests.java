package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Guards the shipped library: every file is listed, loads, validates and teaches something. */
class ScenarioLibraryTests {

  @Test
  void indexListsExactlyTheYamlFilesOnDisk() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    Set<String> onDisk;
    try (Stream<Path> files = Files.walk(root, 2)) {
      onDisk =
          files
              .map(p -> root.relativize(p).toString())
              .filter(p -> p.matches("bac[1-5]/[^/]+\\.yaml"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(new TreeSet<>(ScenarioLibrary.paths())).isEqualTo(onDisk);
  }

  @Test
  void everyShippedScenarioLoadsAndValidates() {
    assertThat(ScenarioLibrary.shipped()).hasSizeGreaterThanOrEqualTo(16);
  }

  @Test
  void everyLevelHasAtLeastThreeScenariosInItsFolder() {
    Map<Level, Long> perLevel =
        ScenarioLibrary.shipped().stream()
            .peek(
                e ->
                    assertThat(e.path())
                        .as("folder matches level")
                        .startsWith(e.scenario().level().name().toLowerCase() + "/"))
            .collect(Collectors.groupingBy(e -> e.scenario().level(), Collectors.counting()));
    assertThat(perLevel.keySet()).containsExactlyInAnyOrder(Level.values());
    assertThat(perLevel.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
  }

  @Test
  void togetherTheyUseAllSixFamilies() {
    Set<String> used =
        ScenarioLibrary.shipped().stream()
            .flatMap(e -> e.scenario().steps().stream())
            .filter(s -> s.chaos() != null && s.chaos().enable() != null)
            .map(s -> ChaosTypes.family(s.chaos().enable()))
            .collect(Collectors.toSet());
    assertThat(used).containsExactlyInAnyOrderElementsOf(ScenarioValidator.FAMILIES);
  }

  @Test
  void idsAreUniqueAndEveryScenarioHasEnigmasWithHintsSomewhere() {
    var shipped = ScenarioLibrary.shipped();
    assertThat(shipped.stream().map(e -> e.scenario().id()).collect(Collectors.toSet()))
        .hasSameSizeAs(shipped);
    assertThat(shipped)
        .allSatisfy(
            e -> {
              assertThat(e.scenario().enigmas()).as(e.path()).isNotEmpty();
              assertThat(e.scenario().enigmas().stream().anyMatch(x -> !x.hints().isEmpty()))
                  .as(e.path() + " has at least one hint")
                  .isTrue();
            });
  }

  @Test
  void theLibraryHasAContainerAnomalyScenarioForInfrastructureDiagnosis() {
    assertThat(ScenarioLibrary.shipped())
        .filteredOn(
            e ->
                e.scenario().steps().stream()
                    .anyMatch(
                        s ->
                            s.chaos() != null
                                && (s.chaos().enable() != null
                                        && ChaosTypes.isContainer(s.chaos().enable())
                                    // a binding choosing among container anomalies of a service
                                    || s.chaos().enableFrom() != null
                                        && s.chaos().service() != null)))
        .extracting(ScenarioLibrary.Entry::path)
        .contains("bac5/database-down.yaml");
  }

  @Test
  void everyEnabledChaosIsDisabledOrExpiresBeforeTheEnd() {
    for (var e : ScenarioLibrary.shipped()) {
      var end = Durations.parse(e.scenario().duration()).orElseThrow();
      Map<String, Scenario.Step> lastEnable =
          e.scenario().steps().stream()
              .filter(s -> s.chaos() != null && s.chaos().enable() != null)
              .collect(Collectors.toMap(s -> s.chaos().enable(), Function.identity(), (a, b) -> b));
      lastEnable.forEach(
          (type, step) -> {
            boolean disabled =
                e.scenario().steps().stream()
                    .anyMatch(s -> s.chaos() != null && type.equals(s.chaos().disable()));
            var at = Durations.parse(step.at()).orElseThrow();
            var ttl = Durations.parse(step.chaos().ttl());
            assertThat(disabled || (ttl.isPresent() && at.plus(ttl.get()).compareTo(end) <= 0))
                .as(e.path() + ": " + type + " is disabled or expires within the scenario")
                .isTrue();
          });
    }
  }
}
