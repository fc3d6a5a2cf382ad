package dev.perfshop.cli.http;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CLI's one JSON mapper and small null-safe readers over {@link JsonNode}. Reading a tree and
 * making nodes need no mapper: building one (its date formats, locale data and type caches) is a
 * large share of a short command's start, so the mapper is made on first use only.
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

  private static final class Parsers {
    static final JsonFactory FACTORY = new JsonFactory();
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * The tree of one JSON document (as {@code ObjectMapper.readTree} builds it: integers as int,
   * long or big-integer nodes, other numbers as doubles); {@link MissingNode} for an empty body.
   *
   * @throws tools.jackson.core.JacksonException when it is not one well-formed JSON document
   */
  public static JsonNode parse(byte[] body) {
    try (JsonParser p = Parsers.FACTORY.createParser(ObjectReadContext.empty(), body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return MissingNode.getInstance();
      }
      JsonNode tree = value(p, first);
      if (p.nextToken() != null) {
        throw new StreamReadException(p, "trailing content after the JSON document");
      }
      return tree;
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) {
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e));
        }
        yield a;
      }
      case VALUE_STRING -> NODES.stringNode(p.getString());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new StreamReadException(p, "unexpected JSON token " + t);
    };
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
