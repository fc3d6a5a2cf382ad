package dev.perfshop.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's OpenAPI document is the one source of the web client's types: {@code
 * web/src/api/openapi.json} is this document as the running server renders it, and the web build
 * generates {@code web/src/api/openapi.d.ts} from it (openapi-typescript). A change to a route or a
 * body that is not regenerated fails here, before the pages compile against stale types.
 *
 * <p>Regenerate with {@value #REGENERATE}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTests {

  static final String REGENERATE =
      "./mvnw -pl perfshop-server -am test -Dweb.skip -DskipITs -Dtest=OpenApiDocumentTests"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true";

  static final Path COMMITTED = Path.of("..", "web", "src", "api", "openapi.json");

  private static final JsonMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  @LocalServerPort int port;

  @Test
  void theCommittedDocumentIsTheOneTheServerRenders() throws IOException {
    String rendered = canonical(new ShopClient(port).get("/v3/api-docs").json());
    if (Boolean.getBoolean("openapi.write")) {
      Files.writeString(COMMITTED, rendered, StandardCharsets.UTF_8);
    }
    String committed =
        Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
    assertThat(committed)
        .as(
            "%s is not the OpenAPI document the server renders (a route or a body changed)."
                + " Regenerate it with: %s, then run `npm run build` in web/",
            COMMITTED.normalize(), REGENERATE)
        .isEqualTo(rendered);
  }

  @Test
  void aResponseRecordRequiresItsComponentsExceptTheNullableOnes() {
    JsonNode schemas = new ShopClient(port).get("/v3/api-docs").json().at("/components/schemas");
    assertThat(strings(schemas.at("/OrderView/required")))
        .contains("id", "status", "items", "total", "currency", "guest")
        .doesNotContain("couponCode", "discount", "email", "payment", "shippingAddress");
    // a request body keeps what Bean Validation requires: a checkout's coupon code stays optional
    assertThat(strings(schemas.at("/CheckoutRequest/required")))
        .contains("shippingAddress", "payment")
        .doesNotContain("couponCode", "email");
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new java.util.TreeSet<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  @Test
  void everyApiBodyHasARealSchema() {
    JsonNode doc = new ShopClient(port).get("/v3/api-docs").json();
    JsonNode paths = doc.path("paths");
    StringBuilder empty = new StringBuilder();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        JsonNode request = op.getValue().at("/requestBody/content");
        request.properties().forEach(c -> check(doc, c.getValue(), path, op, "request", empty));
        for (Map.Entry<String, JsonNode> response : op.getValue().path("responses").properties()) {
          response
              .getValue()
              .path("content")
              .properties()
              .forEach(c -> check(doc, c.getValue(), path, op, response.getKey(), empty));
        }
      }
    }
    assertThat(empty.toString()).as("bodies documented without a schema").isEmpty();
  }

  private static void check(
      JsonNode doc,
      JsonNode media,
      Map.Entry<String, JsonNode> path,
      Map.Entry<String, JsonNode> op,
      String what,
      StringBuilder empty) {
    JsonNode schema = media.path("schema");
    if (schema.has("$ref")) {
      schema = doc.at(schema.path("$ref").asString().substring(1));
    }
    boolean real =
        schema.has("properties")
            || schema.has("items")
            || schema.has("oneOf")
            || (schema.has("type") && !"object".equals(schema.path("type").asString()))
            || !schema.path("additionalProperties").isEmpty();
    String route = op.getKey() + " " + path.getKey();
    if (!real) {
      empty.append(route).append(' ').append(what);
      empty.append(": ").append(schema).append('\n');
    }
  }

  /** The document with sorted keys and without the server URL (the test's random port). */
  static String canonical(JsonNode document) {
    ObjectNode copy = (ObjectNode) document.deepCopy();
    copy.remove("servers");
    Object tree = CANONICAL.treeToValue(copy, Object.class);
    return CANONICAL.writeValueAsString(tree) + "\n";
  }
}
