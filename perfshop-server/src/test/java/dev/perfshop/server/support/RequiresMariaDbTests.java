package dev.perfshop.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiresMariaDbTests {

  @Test
  void aMissingServerSkipsLocallyWithTheWayToGetIt() {
    var result = RequiresMariaDb.Condition.evaluate(Map.of());
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason()).get().asString().contains("mariadb-server", "make test");
  }

  @Test
  void aMissingServerUnderCiRunsTheSuiteSoThatItFails() {
    assertThat(RequiresMariaDb.Condition.evaluate(Map.of("CI", "true")).isDisabled()).isFalse();
  }

  @Test
  void aServerRunsTheSuite() {
    var env = Map.of("PERFSHOP_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
    assertThat(RequiresMariaDb.Condition.evaluate(env).isDisabled()).isFalse();
  }
}
