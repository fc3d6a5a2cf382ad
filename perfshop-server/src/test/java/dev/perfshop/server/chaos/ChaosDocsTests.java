package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.ChaosCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/chaos.md is the catalogue for people: it must say exactly what chaos-catalogue.yaml says —
 * every type under its family, in order, with its description and each level's text and default
 * probability, and every container anomaly — and nothing the catalogue does not have.
 */
class ChaosDocsTests {

  private static final Pattern TYPE_HEADING = Pattern.compile("(?m)^#### `([a-z0-9-]+)`$");
  private static final Pattern FAMILY_HEADING = Pattern.compile("(?m)^### ([A-Z][a-z]+)$");
  private static final Pattern CONTAINER_ROW = Pattern.compile("(?m)^\\| `(container-[a-z]+)` \\|");

  @Test
  void everyChaosTypeTheShippedScenariosUseIsInTheCatalogue() throws IOException {
    Pattern step = Pattern.compile("chaos:\\s*\\{\\s*(?:enable|disable):\\s*([a-z0-9-]+)");
    try (var files = Files.walk(Path.of("..", "scenarios"))) {
      List<Path> yaml =
          files
              .filter(f -> f.toString().endsWith(".yaml") && !f.toString().contains("target"))
              .toList();
      assertThat(yaml).isNotEmpty();
      int seen = 0;
      for (Path f : yaml) {
        var m = step.matcher(Files.readString(f));
        while (m.find()) {
          seen++;
          // Container anomalies are the CLI's (it acts on the Docker lab), never the server's.
          if (ChaosCatalogue.containerType(m.group(1)).isPresent()) {
            assertThat(ChaosType.byId(m.group(1))).as(f + ": " + m.group(1)).isEmpty();
          } else {
            assertThat(ChaosType.byId(m.group(1))).as(f + ": " + m.group(1)).isPresent();
          }
        }
      }
      assertThat(seen).isPositive();
    }
  }

  @Test
  void theCatalogueSectionSaysExactlyWhatTheCatalogueSays() throws IOException {
    String catalogue = catalogueSection();
    List<String> documented = new ArrayList<>();
    Matcher h = TYPE_HEADING.matcher(catalogue);
    while (h.find()) {
      documented.add(h.group(1));
    }
    assertThat(documented)
        .as("types documented, in catalogue order")
        .containsExactlyElementsOf(ChaosType.values().stream().map(ChaosType::id).toList());
    for (ChaosType t : ChaosType.values()) {
      String section = typeSection(catalogue, t.id());
      assertThat(familyAbove(catalogue, t.id())).as(t.id()).isEqualTo(t.family());
      assertThat(section).as(t.id() + " description").contains("\n" + t.description() + "\n");
      for (int level = 1; level <= ChaosCatalogue.LEVELS; level++) {
        assertThat(section)
            .as(t.id() + " level " + level)
            .contains(
                "| "
                    + level
                    + " | "
                    + t.level(level)
                    + " | "
                    + number(t.defaultProbability(level))
                    + " |");
      }
    }
  }

  @Test
  void everyContainerAnomalyAndNoOtherIsDocumented() throws IOException {
    List<String> rows = new ArrayList<>();
    Matcher m = CONTAINER_ROW.matcher(catalogueSection());
    while (m.find()) {
      rows.add(m.group(1));
    }
    assertThat(rows)
        .containsExactlyElementsOf(
            ChaosCatalogue.containerTypes().stream()
                .map(ChaosCatalogue.ContainerType::id)
                .toList());
  }

  private static String catalogueSection() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "chaos.md"));
    int start = doc.indexOf("\n## Catalogue\n");
    assertThat(start).as("docs/chaos.md has a ## Catalogue section").isPositive();
    int end = doc.indexOf("\n## ", start + 1);
    return end < 0 ? doc.substring(start) : doc.substring(start, end);
  }

  private static String typeSection(String catalogue, String id) {
    int start = catalogue.indexOf("#### `" + id + "`");
    int next = catalogue.indexOf("\n###", start + 1);
    return next < 0 ? catalogue.substring(start) : catalogue.substring(start, next);
  }

  private static String familyAbove(String catalogue, String id) {
    Matcher f = FAMILY_HEADING.matcher(catalogue.substring(0, catalogue.indexOf("`" + id + "`")));
    String family = null;
    while (f.find()) {
      family = f.group(1).toLowerCase(java.util.Locale.ROOT);
    }
    return family;
  }

  /** As the docs write a probability: 1, 0.5, 0.02. */
  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
