package dev.perfshop.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

class JsonTreeReaderTests {

  private static final JsonMapper JACKSON = JsonMapper.builder().build();

  private static JsonNode parse(String json) {
    return Json.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The tree is the one Jackson's own readTree builds, node types included. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"safetyMode\":\"LOCKED\",\"activations\":[]}",
        " { \"a\" : [ 1 , -2 , 3.5 , -0.25e3 , 1E2 , true , false , null ] } ",
        "[2147483647, 2147483648, -2147483648, -2147483649, 9223372036854775807,"
            + " 9223372036854775808, -9223372036854775808, 123456789012345678901234567890, 0, -0]",
        "\"\\u00e9t\\u00E9 \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\ud83d\\ude00\"",
        "{\"k\":1,\"k\":2}",
        "{\"nested\":{\"deeper\":[{\"x\":\"é ü 日本\"},[],{}]}}",
        "42",
        "1.0000000000000002",
        "\"\""
      })
  void buildsTheTreeJacksonBuilds(String json) {
    JsonNode ours = parse(json);
    JsonNode theirs = JACKSON.readTree(json);
    assertThat(ours).isEqualTo(theirs);
    assertThat(ours.toString()).isEqualTo(theirs.toString());
  }

  @Test
  void integerNodesAreAsSmallAsJacksonsReadTreeMakes() {
    JsonNode a = parse("[7, 4294967296, 99999999999999999999]");
    assertThat(a.get(0).isInt()).isTrue();
    assertThat(a.get(1).isLong()).isTrue();
    assertThat(a.get(2).isBigInteger()).isTrue();
  }

  @Test
  void anEmptyBodyIsMissing() {
    assertThat(parse("")).isSameAs(MissingNode.getInstance());
    assertThat(parse(" \n")).isSameAs(MissingNode.getInstance());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":1,}",
        "01",
        "1.",
        "-",
        "1e",
        "tru",
        "nul",
        "\"open",
        "\"bad \\x escape\"",
        "\"\\u12\"",
        "\"tab\tinside\"",
        "<html>",
        "'single'"
      })
  void anythingButOneWellFormedDocumentIsAJacksonException(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> JACKSON.readTree(json)).isInstanceOf(JacksonException.class);
  }

  @Test
  void trailingContentIsRefused() {
    assertThatThrownBy(() -> parse("{} {}")).isInstanceOf(JacksonException.class);
    assertThatThrownBy(() -> parse("[1] x")).isInstanceOf(JacksonException.class);
  }

  @Test
  void malformedUtf8AndExcessiveNestingAreRefused() {
    assertThatThrownBy(() -> Json.parse(new byte[] {'"', (byte) 0xC3, '"'}))
        .isInstanceOf(JacksonException.class);
    String deep =
        "[".repeat(JsonTreeReader.MAX_DEPTH + 1) + "]".repeat(JsonTreeReader.MAX_DEPTH + 1);
    assertThatThrownBy(() -> parse(deep)).isInstanceOf(JacksonException.class);
    String ok = "[".repeat(JsonTreeReader.MAX_DEPTH) + "]".repeat(JsonTreeReader.MAX_DEPTH);
    assertThat(parse(ok).isArray()).isTrue();
  }
}
