package dev.perfshop.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretFreeHistoryTests {

  private final SecretFreeHistory history = new SecretFreeHistory(line -> line.contains("s3cr3t"));

  @Test
  void linesWithAnAdminTokenValueOrTheTokenInUseAreNeverStored() {
    history.add(Instant.now(), "chaos status --admin-token abc");
    history.add(Instant.now(), "--admin-token=abc chaos list");
    history.add(Instant.now(), "config set url http://x/s3cr3t");
    history.add(Instant.now(), "chaos status --admin-token-file /tmp/token");
    history.add(Instant.now(), "chaos list");

    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(0)).isEqualTo("chaos status --admin-token-file /tmp/token");
    assertThat(history.get(1)).isEqualTo("chaos list");
  }
}
