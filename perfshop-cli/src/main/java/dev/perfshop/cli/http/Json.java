package dev.perfshop.cli.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CLI's one JSON mapper and small null-safe readers over {@link JsonNode}. Reading a tree and
 * making nodes need no mapper: building one (its date formats, locale data and type caches) is a
 * large share of a short command's start, so the mapper is made on first use only, and trees are
 * read by {@link JsonTreeReader} (no Jackson parser either).
 */
public final class Json {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** The mapper, built when first asked for. */
  public static ObjectMapper mapper() {
    return Mapper.MAPPER;
  }

  private static final class Mapper {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * The tree of one JSON document (as {@code ObjectMapper.readTree} builds it: integers as int,
   * long or big-integer nodes, other numbers as doubles); {@code MissingNode} for an empty body.
   *
   * @throws tools.jackson.core.JacksonException when it is not one well-formed JSON document
   */
  public static JsonNode parse(byte[] body) {
    return JsonTreeReader.read(body);
  }

  /** Indented, stable output for scripts ({@code --output json}). */
  public static String pretty(JsonNode node) {
    return mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  public static String compact(JsonNode node) {
    return mapper().writeValueAsString(node);
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
