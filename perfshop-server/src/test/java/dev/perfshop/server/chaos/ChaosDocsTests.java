package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/chaos.md documents every type of the catalogue and every one of its levels. */
class ChaosDocsTests {

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
