package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * Two classes on one server, each running the same anomaly type with its own target (as two
 * scenario runs with their own seeds do): each session's traffic meets only its own target, each
 * class reads its own route statistics, its measured answers and the anomaly gate follow its own
 * activation, and disabling one class's anomaly leaves the other's running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PerSessionChaosTests {

  static final String CATEGORIES = "/api/categories";
  static final String PRODUCT = "/api/products/{id}";

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  @AfterEach
  void calm() {
    api.admin("POST", "/api/admin/chaos/halt", null);
  }

  private int get(String path, String header, String value) {
    var spec = api.http().get().uri(path);
    if (header != null) {
      spec = spec.header(header, value);
    }
    return spec.retrieve().toBodilessEntity().getStatusCode().value();
  }

  /** Status counts of n requests: [ok, server errors]. */
  private int[] drive(String path, String header, String value, int n) {
    int[] counts = new int[2];
    for (int i = 0; i < n; i++) {
      counts[get(path, header, value) >= 500 ? 1 : 0]++;
    }
    return counts;
  }

  private void enable(Object session, String route) {
    var r =
        api.admin(
            "PUT",
            "/api/admin/chaos/error-rate",
            Map.of(
                "level", 5, "probability", 1, "routes", List.of(route), "sessionId", "" + session));
    assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> route(Map<String, Object> summary, String route) {
    return ((List<Map<String, Object>>) summary.get("routes"))
        .stream()
            .filter(r -> route.equals(r.get("route")))
            .findFirst()
            .orElse(Map.of("errorRate", -1.0, "count", 0));
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoClassesRunTheSameTypeWithTheirOwnTargetsAndReadTheirOwnStatistics() {
    Map<String, Object> a = api.openSession("class A", "BAC1");
    Map<String, Object> b = api.openSession("class B", "BAC1");
    Object idA = a.get("id");
    Object idB = b.get("id");
    enable(idA, CATEGORIES);
    enable(idB, "/api/products/*");

    // the plan holds both: one type, two scopes
    List<Map<String, Object>> live =
        (List<Map<String, Object>>)
            api.admin("GET", "/api/admin/chaos", null).getBody().get("activations");
    assertThat(live).filteredOn(x -> "error-rate".equals(x.get("type"))).hasSize(2);

    String h = "X-Perfshop-Session";
    assertThat(drive(CATEGORIES, h, "" + idA, 20)).containsExactly(0, 20);
    assertThat(drive("/api/products/1", h, "" + idA, 20)).containsExactly(20, 0);
    assertThat(drive(CATEGORIES, h, "" + idB, 20)).containsExactly(20, 0);
    assertThat(drive("/api/products/1", h, "" + idB, 20)).containsExactly(0, 20);
    // traffic of no class meets neither
    assertThat(drive(CATEGORIES, null, null, 10)).containsExactly(10, 0);
    assertThat(drive("/api/products/1", null, null, 10)).containsExactly(10, 0);

    // a student of class A reads class A's statistics: the page sends its agent code
    String agentA = api.agent(a.get("joinCode"), "Ana");
    Map<String, Object> seenByA =
        api.http()
            .get()
            .uri("/api/stats/routes?window=60")
            .header("X-Agent-Code", agentA)
            .retrieve()
            .body(Map.class);
    assertThat(seenByA.get("session")).isEqualTo("" + idA);
    assertThat(route(seenByA, "GET " + CATEGORIES).get("errorRate")).isEqualTo(1.0);
    assertThat(route(seenByA, "GET " + PRODUCT).get("errorRate")).isEqualTo(0.0);
    assertThat(((Number) route(seenByA, "GET " + PRODUCT).get("count")).intValue()).isEqualTo(20);

    Map<String, Object> seenByB =
        api.http()
            .get()
            .uri("/api/stats/routes?window=60&session=" + idB)
            .retrieve()
            .body(Map.class);
    assertThat(route(seenByB, "GET " + CATEGORIES).get("errorRate")).isEqualTo(0.0);
    assertThat(route(seenByB, "GET " + PRODUCT).get("errorRate")).isEqualTo(1.0);

    // the whole server's view mixes everything and says so
    Map<String, Object> all =
        api.http().get().uri("/api/stats/routes?window=60").retrieve().body(Map.class);
    assertThat(all.get("session")).isNull();
    assertThat(((Number) route(all, "GET " + CATEGORIES).get("count")).intValue())
        .isGreaterThanOrEqualTo(50);

    // a student's own browsing carries the agent code: it meets its class's anomaly
    assertThat(drive(CATEGORIES, "X-Agent-Code", agentA, 5)).containsExactly(0, 5);

    // measured answers use the class's own statistics: 100 % for A on categories
    api.register(
        idA,
        Map.of(
            "id",
            "share",
            "question",
            "Which share of the categories requests fails, in %?",
            "answer",
            Map.of(
                "type",
                "measured",
                "measure",
                "error-rate",
                "route",
                "GET " + CATEGORIES,
                "tolerance",
                1),
            "anomalies",
            List.of("error-rate")));
    assertThat(api.answer(agentA, "share", "100 %").getBody()).containsEntry("correct", true);

    // class A's anomaly ends; class B's keeps running
    var off = api.admin("DELETE", "/api/admin/chaos/error-rate?sessionId=" + idA, null);
    assertThat(off.getStatusCode().value()).isEqualTo(200);
    assertThat(drive(CATEGORIES, h, "" + idA, 10)).containsExactly(10, 0);
    assertThat(drive("/api/products/1", h, "" + idB, 10)).containsExactly(0, 10);

    // and a classmate who had not answered yet is refused as anomaly-off (costs nothing)
    String bea = api.agent(a.get("joinCode"), "Bea");
    var refused = api.answer(bea, "share", "100 %");
    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat(refused.getBody()).containsEntry("reason", "anomaly-off");
  }

  @Test
  void badSessionIdsAreRefusedAndChangeNothing() {
    Map<String, Object> a = api.openSession("class C", "BAC1");
    enable(a.get("id"), CATEGORIES);
    var bad = api.admin("DELETE", "/api/admin/chaos/error-rate?sessionId=x';--", null);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(drive(CATEGORIES, "X-Perfshop-Session", "" + a.get("id"), 5)).containsExactly(0, 5);

    RestClient http = api.http();
    var unknown = http.get().uri("/api/stats/routes?session=999999").retrieve().toEntity(Map.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    // a made-up session header is recorded nowhere but the whole server's statistics
    get(CATEGORIES, "X-Perfshop-Session", "424242");
    var none = http.get().uri("/api/stats/routes?session=424242").retrieve().toEntity(Map.class);
    assertThat(none.getStatusCode().value()).isEqualTo(400);
  }
}
