package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue loads, holds the rules the server relies on, and refuses entries that break them.
 */
class ChaosCatalogueTests {

  private static final List<ChaosCatalogue.Level> FIVE =
      List.of(level(), level(), level(), level(), level());

  private static ChaosCatalogue.Level level() {
    return new ChaosCatalogue.Level("does something", 1, Map.of());
  }

  @Test
  void theShippedCatalogueHasSixFamiliesAndFiveLevelsPerType() {
    assertThat(ChaosCatalogue.families())
        .containsExactly(
            "performance", "functional", "business", "security", "scripting", "infrastructure");
    assertThat(ChaosCatalogue.types()).hasSizeGreaterThan(30);
    assertThat(ChaosCatalogue.types()).allSatisfy(t -> assertThat(t.levels()).hasSize(5));
    assertThat(ChaosCatalogue.containerTypes())
        .extracting(ChaosCatalogue.ContainerType::id)
        .containsExactly("container-kill", "container-pause", "container-restart");
  }

  @Test
  void levelsCarryTheNumbersTheirBehaviourReads() {
    ChaosCatalogue.Type latency = ChaosCatalogue.type("latency").orElseThrow();
    assertThat(latency.level(3).number("baseMs")).isEqualTo(800);
    assertThat(latency.level(5).number("jitter")).isEqualTo(0.30);
    assertThat(latency.level(1).probability()).isEqualTo(0.25);
    assertThatThrownBy(() -> latency.level(1).number("nope"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void aTypeWithoutRoutesTargetsTheWholeApi() {
    assertThat(ChaosCatalogue.type("latency").orElseThrow().routes()).containsExactly("/api/**");
    assertThat(ChaosCatalogue.type("stored-xss").orElseThrow().routes())
        .containsExactly("/api/products/*/reviews.html");
  }

  @Test
  void onlySecurityTypesNeedTheSafetyMode() {
    assertThat(ChaosCatalogue.types())
        .allSatisfy(t -> assertThat(t.dangerous()).isEqualTo(t.family().equals("security")));
  }

  @Test
  void checkRefusesBrokenEntries() {
    assertThatThrownBy(() -> check(type("x", "performance", false, FIVE.subList(0, 4))))
        .hasMessageContaining("exactly 5 levels");
    assertThatThrownBy(() -> check(type("x", "security", false, FIVE)))
        .hasMessageContaining("safety mode");
    assertThatThrownBy(() -> check(type("x", "weather", false, FIVE)))
        .hasMessageContaining("unknown family");
    assertThatThrownBy(() -> check(type("Not_Kebab", "performance", false, FIVE)))
        .hasMessageContaining("kebab-case");
    assertThatThrownBy(
            () ->
                check(
                    type(
                        "x",
                        "performance",
                        false,
                        List.of(
                            level(),
                            level(),
                            level(),
                            level(),
                            new ChaosCatalogue.Level("too often", 1.5, null)))))
        .hasMessageContaining("probability");
  }

  @Test
  void namesAreUniqueAcrossServerAndContainerTypes() {
    var t = type("container-kill", "infrastructure", false, FIVE);
    var file =
        new ChaosCatalogue.Contents(
            ChaosCatalogue.families(),
            List.of(t),
            List.of(
                new ChaosCatalogue.ContainerType("container-kill", "infrastructure", "x", true)));
    assertThatThrownBy(() -> ChaosCatalogue.check(file)).hasMessageContaining("listed twice");
  }

  private static ChaosCatalogue.Type type(
      String id, String family, boolean dangerous, List<ChaosCatalogue.Level> levels) {
    return new ChaosCatalogue.Type(id, family, "what it does", dangerous, null, levels);
  }

  private static void check(ChaosCatalogue.Type t) {
    ChaosCatalogue.check(
        new ChaosCatalogue.Contents(ChaosCatalogue.families(), List.of(t), List.of()));
  }
}
