package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Schema is the reference of the format: it must name exactly what the parser accepts. */
class SchemaTests {

  private final JsonNode schema =
      JsonMapper.builder().build().readTree(Path.of("scenario.schema.json").toFile());

  @Test
  void topLevelPropertiesMatchTheModel() {
    assertThat(properties(schema)).isEqualTo(components(Scenario.class));
  }

  @Test
  void nestedDefinitionsMatchTheModel() {
    JsonNode defs = schema.get("$defs");
    assertThat(properties(defs.get("step"))).isEqualTo(components(Scenario.Step.class));
    assertThat(properties(defs.get("chaos"))).isEqualTo(components(Scenario.ChaosAction.class));
    assertThat(properties(defs.get("expect"))).isEqualTo(components(Scenario.Expectation.class));
    assertThat(properties(defs.get("enigma"))).isEqualTo(components(Scenario.Enigma.class));
    assertThat(properties(defs.get("answer"))).isEqualTo(components(Scenario.Answer.class));
    assertThat(properties(defs.get("traffic"))).isEqualTo(components(Scenario.Traffic.class));
    assertThat(properties(defs.get("binding"))).isEqualTo(components(Scenario.Binding.class));
  }

  @Test
  void enumsMatchTheValidator() {
    JsonNode defs = schema.get("$defs");
    assertThat(strings(defs.get("family").get("enum"))).isEqualTo(ScenarioValidator.FAMILIES);
    assertThat(strings(defs.get("expect").get("properties").get("metric").get("enum")))
        .isEqualTo(ScenarioValidator.METRICS);
    assertThat(strings(defs.get("answer").get("properties").get("type").get("enum")))
        .isEqualTo(ScenarioValidator.ANSWER_TYPES);
    assertThat(strings(defs.get("containerType").get("enum")))
        .isEqualTo(ChaosTypes.container().keySet());
  }

  private static Set<String> properties(JsonNode node) {
    return new TreeSet<>(node.get("properties").propertyNames());
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static Set<String> components(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(c -> c.getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
