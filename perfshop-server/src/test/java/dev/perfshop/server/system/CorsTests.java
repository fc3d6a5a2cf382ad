package dev.perfshop.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.server.support.TestAdmin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.cors.allowed-origins=http://shop.example:5173, https://class.example")
class CorsTests {

  static final String ALLOWED = "http://shop.example:5173";

  @LocalServerPort int port;

  RestClient http() {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
        .build();
  }

  ResponseEntity<String> preflight(String path, String origin, String method) {
    return http()
        .method(HttpMethod.OPTIONS)
        .uri(path)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", "content-type,x-session-token")
        .retrieve()
        .toEntity(String.class);
  }

  @Test
  void anAllowedOriginMayCallTheShopApiWithCredentialsAndReadTheScriptingHeaders() {
    var pre = preflight("/api/cart/items", ALLOWED, "POST");
    assertThat(pre.getStatusCode().value()).isEqualTo(200);
    assertThat(pre.getHeaders().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
    assertThat(pre.getHeaders().getAccessControlAllowCredentials()).isTrue();
    var get =
        http()
            .get()
            .uri("/api/categories")
            .header("Origin", ALLOWED)
            .retrieve()
            .toEntity(List.class);
    assertThat(get.getStatusCode().value()).isEqualTo(200);
    assertThat(get.getHeaders().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
    assertThat(get.getHeaders().getAccessControlExposeHeaders())
        .containsExactlyInAnyOrderElementsOf(CorsConfig.EXPOSED_HEADERS);
  }

  @Test
  void anotherOriginIsRefusedWithAProblem() {
    var get =
        http()
            .get()
            .uri("/api/categories")
            .header("Origin", "https://evil.example")
            .retrieve()
            .toEntity(Map.class);
    assertThat(get.getStatusCode().value()).isEqualTo(403);
    assertThat(get.getHeaders().getAccessControlAllowOrigin()).isNull();
    assertThat(get.getBody()).containsEntry("type", "https://perfshop.dev/problems/forbidden");
  }

  @Test
  void adminRoutesAreNotCorsEnabledEvenForAnAllowedOrigin() {
    var pre = preflight("/api/admin/chaos/halt", ALLOWED, "POST");
    // Without Access-Control-Allow-* headers the browser fails the preflight and never sends it.
    assertThat(pre.getHeaders().getAccessControlAllowOrigin()).isNull();
    assertThat(pre.getHeaders().getAccessControlAllowMethods()).isEmpty();
    assertThat(pre.getHeaders().getAccessControlAllowCredentials()).isFalse();
    var call =
        http()
            .get()
            .uri("/api/admin/license")
            .header("Origin", ALLOWED)
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .retrieve()
            .toEntity(Map.class);
    assertThat(call.getStatusCode().value()).isEqualTo(403);
    assertThat(call.getHeaders().getAccessControlAllowOrigin()).isNull();
  }

  @Test
  void aWildcardOrAPathIsNotAnAcceptableOrigin() {
    assertThatThrownBy(() -> new CorsProperties(List.of("*"))).hasMessageContaining("wildcard");
    assertThatThrownBy(() -> new CorsProperties(List.of("https://*.example")))
        .hasMessageContaining("wildcard");
    assertThatThrownBy(() -> new CorsProperties(List.of("https://shop.example/app")))
        .hasMessageContaining("not an origin");
    assertThat(new CorsProperties(List.of(" https://a.example ", "")).allowedOrigins())
        .containsExactly("https://a.example");
  }
}
