package dev.perfshop.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.TestAdmin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatsApiTests {

  @LocalServerPort int port;

  private RestClient http() {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultHeader(TestAdmin.HEADER, TestAdmin.TOKEN)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
        .build();
  }

  @Test
  void shopRequestsAppearUnderTheirRouteTemplate() {
    // The Spring context (and its statistics) is shared with other test classes: compare deltas.
    Map<String, Object> before = byIdRoute();
    for (int i = 1; i <= 5; i++) {
      http().get().uri("/api/products/{id}", i).retrieve().toBodilessEntity();
    }
    http().get().uri("/api/products/999999").retrieve().toBodilessEntity();
    Map<String, Object> after = byIdRoute();

    assertThat(count(after) - count(before)).isEqualTo(6);
    assertThat(clientErrors(after) - clientErrors(before)).isEqualTo(1);
    assertThat(((Number) after.get("errorRate")).doubleValue()).isZero();
    assertThat(routes("/api/stats/routes?window=60"))
        .noneSatisfy(r -> assertThat((String) r.get("route")).contains("999999"))
        .noneSatisfy(r -> assertThat((String) r.get("route")).contains("/api/stats"));
    assertThat(routes("/api/admin/stats")).isNotEmpty();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> routes(String uri) {
    Map<String, Object> body = http().get().uri(uri).retrieve().body(Map.class);
    return (List<Map<String, Object>>) body.get("routes");
  }

  private Map<String, Object> byIdRoute() {
    return routes("/api/stats/routes?window=60").stream()
        .filter(r -> r.get("route").equals("GET /api/products/{id}"))
        .findFirst()
        .orElse(Map.of("count", 0, "clientErrorRate", 0.0, "errorRate", 0.0));
  }

  private static long count(Map<String, Object> route) {
    return ((Number) route.get("count")).longValue();
  }

  private static long clientErrors(Map<String, Object> route) {
    return Math.round(count(route) * ((Number) route.get("clientErrorRate")).doubleValue());
  }

  @Test
  void windowOutOfRangeIsAValidationProblem() {
    var res = http().get().uri("/api/stats/routes?window=100000").retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(400);
    assertThat(res.getBody()).containsEntry("type", "https://perfshop.dev/problems/validation");
  }
}
