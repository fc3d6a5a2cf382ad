package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.ChaosTypes;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The scenarios module validates chaos names offline (CLI, no server) from its own list; that list
 * must be exactly the server's catalogue, with the same families.
 */
class ChaosCatalogSharedNamesTests {

  @Test
  void scenarioModuleListsExactlyTheServerCatalogue() {
    Map<String, String> server = new TreeMap<>();
    Arrays.stream(ChaosType.values()).forEach(t -> server.put(t.id(), t.family().id()));
    assertThat(ChaosTypes.all()).isEqualTo(server);
  }
}
