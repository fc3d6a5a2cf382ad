package dev.perfshop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md lists every exit code with the same meaning as {@link ExitCodes}. */
class DocsTests {

  @Test
  void theExitCodeTableOfTheDocsMatchesExitCodes() throws IOException {
    String docs = Files.readString(Path.of("../docs/cli.md"));

    for (ExitCodes.Entry e : ExitCodes.ALL) {
      assertThat(docs).contains("| " + e.code() + " | " + e.meaning() + " |");
    }
  }
}
