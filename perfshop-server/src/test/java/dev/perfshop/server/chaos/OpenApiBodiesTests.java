package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document describes the bodies that are read or written as raw JSON: the chaos enable
 * body (parsed from a map, so that one refusal lists every bad field) and the order a checkout
 * returns (stored as text for idempotent replays). Without their annotations both were empty or a
 * string in {@code /v3/api-docs}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiBodiesTests {

  @LocalServerPort int port;

  @Test
  void theChaosEnableBodyIsDocumentedWithExactlyTheFieldsTheParserAccepts() {
    JsonNode doc = new ShopClient(port).get("/v3/api-docs").json();
    JsonNode body =
        doc.at(
            "/paths/~1api~1admin~1chaos~1{type}/put/requestBody/content/application~1json/schema");
    assertThat(body.path("$ref").asString()).endsWith("/ChaosEnableRequest");
    JsonNode schema = doc.at("/components/schemas/ChaosEnableRequest");
    assertThat(names(schema.path("properties"))).isEqualTo(new TreeSet<>(SpecParser.FIELDS));
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("required").toString()).contains("level");
  }

  @Test
  void aCheckoutIsDocumentedAsReturningTheOrder() {
    JsonNode doc = new ShopClient(port).get("/v3/api-docs").json();
    JsonNode created =
        doc.at("/paths/~1api~1orders/post/responses/201/content/application~1json/schema");
    String ref = created.path("$ref").asString();
    assertThat(ref).endsWith("/OrderView");
    JsonNode order = doc.at("/components/schemas/OrderView/properties");
    assertThat(names(order)).contains("id", "status", "items", "total", "currency", "discount");
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.propertyNames().forEach(names::add);
    return names;
  }
}
