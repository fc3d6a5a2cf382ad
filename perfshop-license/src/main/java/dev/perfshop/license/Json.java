package dev.perfshop.license;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strict JSON the licence format needs, on Jackson: duplicate members, trailing data, nesting
 * deeper than {@link #MAX_DEPTH} and numbers longer than 32 digits are refused; written objects
 * have their members in lexicographic order and no whitespace (the signed canonical form).
 */
final class Json {

  static final int MAX_DEPTH = 8;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(32)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
          .build();

  private Json() {}

  /** Parses one JSON document; throws {@link LicenseFormatException} on anything else. */
  static JsonNode parse(byte[] utf8) {
    try {
      JsonNode node = MAPPER.readTree(utf8);
      if (node == null || node.isMissingNode()) {
        throw new LicenseFormatException("not valid JSON: empty document");
      }
      return node;
    } catch (JacksonException e) {
      throw new LicenseFormatException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The compact form, members sorted by name, UTF-8. */
  static byte[] write(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }
}
