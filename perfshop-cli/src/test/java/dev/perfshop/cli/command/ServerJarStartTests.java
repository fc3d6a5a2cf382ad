package dev.perfshop.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.support.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * The packaged server (java -jar perfshop-server.jar, as {@code make run}, the lab and the benches
 * start it) starts from the bean definitions Spring AOT wrote at build time, unless a setting given
 * at start could change which beans exist: then it makes them at start, and the setting works. (The
 * server's AheadOfTimeTests cover which settings count.)
 */
class ServerJarStartTests {

  /** One of the signals' endpoints: they exist unless perfshop.signals.enabled=false. */
  private static final String SIGNALS = "/api/stats/signals/threads";

  @Test
  void byDefaultTheServerStartsFromTheBuildsBeanDefinitions() {
    ServerProcess server = ServerProcess.get();

    assertThat(server.log()).contains("Starting AOT-processed PerfShopApplication");
    assertThat(server.has(SIGNALS)).as(SIGNALS).isTrue();
  }

  @Test
  void aSettingThatRemovesBeansMakesThemAtStartAndTakesEffect() {
    ServerProcess server =
        ServerProcess.startAnother(
            "server-jar-start-test-token-7c1e5a9d3b", "--perfshop.signals.enabled=false");
    try {
      assertThat(server.log())
          .doesNotContain("AOT-processed")
          .contains("perfshop.signals.enabled may add or remove beans");
      assertThat(server.has(SIGNALS)).as(SIGNALS + " with the signals off").isFalse();
      assertThat(server.has("/api/products")).isTrue();
    } finally {
      server.close();
    }
  }
}
