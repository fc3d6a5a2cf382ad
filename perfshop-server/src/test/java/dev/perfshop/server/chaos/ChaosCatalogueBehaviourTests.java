package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue and the code agree: every type in the catalogue has code acting for it (a constant
 * {@code ChaosType.of("…")} in the server's sources), and a name the code asks for that the
 * catalogue lacks fails at once.
 */
class ChaosCatalogueBehaviourTests {

  private static final Pattern OF = Pattern.compile("ChaosType\\.of\\(\"([a-z0-9-]+)\"\\)");

  @Test
  void everyCatalogueTypeHasCodeActingForIt() throws IOException {
    Set<String> acted = new HashSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        OF.matcher(Files.readString(f)).results().forEach(m -> acted.add(m.group(1)));
      }
    }
    assertThat(acted)
        .containsExactlyInAnyOrderElementsOf(
            ChaosType.values().stream().map(ChaosType::id).toList());
  }

  @Test
  void aNameOutsideTheCatalogueFailsLoudly() {
    assertThatThrownBy(() -> ChaosType.of("latency2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency2");
    assertThat(ChaosType.of("latency")).isSameAs(ChaosType.byId("latency").orElseThrow());
  }
}
