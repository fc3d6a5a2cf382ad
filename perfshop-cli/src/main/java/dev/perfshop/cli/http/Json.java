package dev.perfshop.cli.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The CLI's one JSON mapper and small null-safe readers over {@link JsonNode}. */
public final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static tools.jackson.databind.node.ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static JsonNode parse(byte[] body) {
    return MAPPER.readTree(body);
  }

  /** Indented, stable output for scripts ({@code --output json}). */
  public static String pretty(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  public static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** The field as text, or {@code fallback} when missing or null. */
  public static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return fallback;
    }
    if (v.isValueNode()) {
      return v.asString();
    }
    return compact(v);
  }

  public static String text(JsonNode node, String field) {
    return text(node, field, "");
  }
}
