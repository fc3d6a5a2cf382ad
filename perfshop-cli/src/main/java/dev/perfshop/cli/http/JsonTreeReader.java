package dev.perfshop.cli.http;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON document (RFC 8259) into a Jackson tree without Jackson's parser: a short command
 * such as {@code perfshop chaos status} reads one small answer, and initialising Jackson's parser
 * classes (their {@code BigDecimal} bounds among them) cost more than the reading. The tree is the
 * one {@code ObjectMapper.readTree} builds: integers as int, long or big-integer nodes, other
 * numbers as doubles, a later duplicate key replacing an earlier one; {@link MissingNode} for an
 * empty body. Anything else than one well-formed document is a {@link StreamReadException}.
 */
final class JsonTreeReader {

  /** As Jackson's default {@code StreamReadConstraints}. */
  static final int MAX_DEPTH = 500;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String s;
  private int i;
  private int depth;

  private JsonTreeReader(String s) {
    this.s = s;
  }

  static JsonNode read(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new StreamReadException("not UTF-8: " + e.getMessage());
    }
    JsonTreeReader r = new JsonTreeReader(text);
    r.skipSpace();
    if (r.i == r.s.length()) {
      return MissingNode.getInstance();
    }
    JsonNode tree = r.value();
    r.skipSpace();
    if (r.i != r.s.length()) {
      throw r.error("trailing content after the JSON document");
    }
    return tree;
  }

  private JsonNode value() {
    if (i >= s.length()) {
      throw error("unexpected end of input");
    }
    char c = s.charAt(i);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> NODES.stringNode(string());
      case 't' -> literal("true", NODES.booleanNode(true));
      case 'f' -> literal("false", NODES.booleanNode(false));
      case 'n' -> literal("null", NODES.nullNode());
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private ObjectNode object() {
    enter();
    ObjectNode o = NODES.objectNode();
    i++;
    skipSpace();
    if (peek() == '}') {
      i++;
      depth--;
      return o;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a field name");
      }
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      o.set(name, value());
      skipSpace();
      char c = next();
      if (c == '}') {
        depth--;
        return o;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private ArrayNode array() {
    enter();
    ArrayNode a = NODES.arrayNode();
    i++;
    skipSpace();
    if (peek() == ']') {
      i++;
      depth--;
      return a;
    }
    while (true) {
      skipSpace();
      a.add(value());
      skipSpace();
      char c = next();
      if (c == ']') {
        depth--;
        return a;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    i++; // the opening quote
    StringBuilder b = null;
    int start = i;
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i);
      if (c == '"') {
        String plain = s.substring(start, i++);
        return b == null ? plain : b.append(plain).toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character in a string");
      }
      if (c != '\\') {
        i++;
        continue;
      }
      if (b == null) {
        b = new StringBuilder();
      }
      b.append(s, start, i);
      i++;
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("unterminated \\u escape");
          }
          int code = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(i++), 16);
            if (d < 0) {
              throw error("bad \\u escape");
            }
            code = code * 16 + d;
          }
          b.append((char) code);
        }
        default -> throw error("bad escape '\\" + e + "'");
      }
      start = i;
    }
  }

  private JsonNode number() {
    int start = i;
    boolean integral = true;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (!digits()) {
      throw error("expected a digit");
    }
    if (peek() == '.') {
      integral = false;
      i++;
      if (!digits()) {
        throw error("expected a digit after '.'");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      if (!digits()) {
        throw error("expected a digit in the exponent");
      }
    }
    String text = s.substring(start, i);
    if (!integral) {
      return NODES.numberNode(Double.parseDouble(text));
    }
    int length = text.length() - (text.charAt(0) == '-' ? 1 : 0);
    if (length <= 9) {
      return NODES.numberNode(Integer.parseInt(text));
    }
    if (length <= 18) {
      long v = Long.parseLong(text);
      return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
  }

  private boolean digits() {
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i > start;
  }

  private JsonNode literal(String word, JsonNode node) {
    if (!s.startsWith(word, i)) {
      throw error("unexpected token");
    }
    i += word.length();
    return node;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private char next() {
    if (i >= s.length()) {
      throw error("unexpected end of input");
    }
    return s.charAt(i++);
  }

  private void skipSpace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      i++;
    }
  }

  private StreamReadException error(String message) {
    return new StreamReadException(message + " at character " + i);
  }
}
