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
  @SuppressWarnings("unchecked")
  void shopRequestsAppearUnderTheirRouteTemplate() {
    for (int i = 1; i <= 5; i++) {
      http().get().uri("/api/products/{id}", i).retrieve().toBodilessEntity();
    }
    http().get().uri("/api/products/999999").retrieve().toBodilessEntity();

    Map<String, Object> body =
        http().get().uri("/api/stats/routes?window=60").retrieve().body(Map.class);
    List<Map<String, Object>> routes = (List<Map<String, Object>>) body.get("routes");
    Map<String, Object> byId =
        routes.stream()
            .filter(r -> r.get("route").equals("GET /api/products/{id}"))
            .findFirst()
            .orElseThrow();
    assertThat(((Number) byId.get("count")).intValue()).isGreaterThanOrEqualTo(6);
    assertThat(((Number) byId.get("clientErrorRate")).doubleValue()).isGreaterThan(0);
    assertThat(routes).noneSatisfy(r -> assertThat((String) r.get("route")).contains("999999"));
    assertThat(routes).noneSatisfy(r -> assertThat((String) r.get("route")).contains("/api/stats"));

    Map<String, Object> admin = http().get().uri("/api/admin/stats").retrieve().body(Map.class);
    assertThat((List<?>) admin.get("routes")).isNotEmpty();
  }

  @Test
  void windowOutOfRangeIsAValidationProblem() {
    var res = http().get().uri("/api/stats/routes?window=100000").retrieve().toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(400);
    assertThat(res.getBody()).containsEntry("type", "https://perfshop.dev/problems/validation");
  }
}
