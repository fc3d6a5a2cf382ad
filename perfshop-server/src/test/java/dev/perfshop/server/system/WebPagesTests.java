package dev.perfshop.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The page routes of the browser front end are answered with index.html (a test copy lives in
 * src/test/resources/static), with the pages' security headers; API routes are never forwarded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPagesTests {

  @LocalServerPort int port;

  private ResponseEntity<String> get(String path) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
        .build()
        .get()
        .uri(path)
        .retrieve()
        .toEntity(String.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/shop",
        "/shop/product/12",
        "/shop/cart",
        "/student",
        "/student/metrics",
        "/instructor",
        "/admin"
      })
  void pageRoutesServeTheSinglePageApplicationWithItsSecurityHeaders(String path) {
    ResponseEntity<String> page = get(path);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("perfshop-test-index");
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
        .isEqualTo(PageSecurityHeadersFilter.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/no-such-route", "/api/admin/no-such-route"})
  void apiRoutesAreNeverForwardedToThePage(String path) {
    ResponseEntity<String> answer = get(path);
    assertThat(answer.getStatusCode().value()).isIn(401, 404);
    assertThat(answer.getBody()).doesNotContain("perfshop-test-index");
    // API answers keep their own (stricter) headers from SecurityHeadersFilter, never the page's
    assertThat(answer.getHeaders().getFirst("Content-Security-Policy"))
        .isNotEqualTo(PageSecurityHeadersFilter.CONTENT_SECURITY_POLICY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/categories", "/actuator/health"})
  void apiAndActuatorAnswersDoNotCarryThePagePolicy(String path) {
    ResponseEntity<String> answer = get(path);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getHeaders().getContentType().toString()).contains("json");
    assertThat(answer.getHeaders().getFirst("Content-Security-Policy"))
        .isNotEqualTo(PageSecurityHeadersFilter.CONTENT_SECURITY_POLICY);
  }
}
