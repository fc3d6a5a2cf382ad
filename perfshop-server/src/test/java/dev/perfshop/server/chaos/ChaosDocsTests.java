package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/chaos.md documents every type of the catalogue and every one of its levels. */
class ChaosDocsTests {

  @Test
  void everyChaosTypeTheShippedScenariosUseIsInTheCatalogue() throws IOException {
    java.util.regex.Pattern step =
        java.util.regex.Pattern.compile("chaos:\\s*\\{\\s*(?:enable|disable):\\s*([a-z0-9-]+)");
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
          if (dev.perfshop.scenario.ChaosTypes.container().containsKey(m.group(1))) {
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
  void everyTypeAndEveryLevelIsDocumented() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "chaos.md"));
    for (ChaosType t : ChaosType.values()) {
      assertThat(doc).as(t.id()).contains("#### `" + t.id() + "`");
      for (int level = 1; level <= 5; level++) {
        assertThat(doc)
            .as(t.id() + " level " + level)
            .contains("| " + level + " | " + t.level(level) + " |");
      }
    }
  }
}
