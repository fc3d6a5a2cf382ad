package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A measured answer is checked against the server's own statistics of the anomaly's window: the
 * value a student reads from /api/stats/routes is right, a copied or made-up one is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeasuredAnswerTests {

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

  @Test
  @SuppressWarnings("unchecked")
  void theP95OfTheSlowRouteIsCheckedAgainstTheServersMeasurement() {
    Map<String, Object> s = api.openSession("measured", "BAC1");
    Map<String, Object> enigma = new HashMap<>();
    enigma.put("id", "how-slow");
    enigma.put("question", "How many ms does the slow route take at p95?");
    enigma.put(
        "answer",
        Map.of(
            "type", "measured", "measure", "p95", "route", "GET /api/categories", "tolerance", 30));
    enigma.put("anomalies", List.of("latency"));
    assertThat(api.register(s.get("id"), enigma).getStatusCode().value()).isEqualTo(201);
    String agent = api.agent(s.get("joinCode"), "Quinn");
    assertThat(api.enigma(agent, "how-slow")).containsEntry("unit", "ms");

    api.admin(
        "PUT",
        "/api/admin/chaos/latency",
        Map.of("level", 1, "probability", 1.0, "routes", List.of("/api/categories")));
    // a route without a request in the window cannot be checked (other tests share the stats)
    Map<String, Object> idle = new HashMap<>(enigma);
    idle.put("id", "idle");
    idle.put(
        "answer",
        Map.of(
            "type",
            "measured",
            "measure",
            "p95",
            "route",
            "GET /api/never-requested",
            "tolerance",
            30));
    api.register(s.get("id"), idle);
    var none = api.answer(agent, "idle", "100");
    assertThat(none.getStatusCode().value()).isEqualTo(409);
    assertThat(none.getBody()).containsEntry("reason", "not-measured");

    for (int i = 0; i < 8; i++) {
      api.http().get().uri("/api/categories").retrieve().toBodilessEntity();
    }
    // what a student reads: the live statistics of the route
    Map<String, Object> summary =
        api.http().get().uri("/api/stats/routes?window=30").retrieve().body(Map.class);
    double p95 =
        ((List<Map<String, Object>>) summary.get("routes"))
            .stream()
                .filter(r -> "GET /api/categories".equals(r.get("route")))
                .mapToDouble(r -> ((Number) r.get("p95")).doubleValue())
                .findFirst()
                .orElseThrow();
    assertThat(p95).as("the anomaly is visible").isGreaterThan(20);

    var wrong = api.answer(agent, "how-slow", Math.round(p95 * 3) + " ms").getBody();
    assertThat(wrong).containsEntry("correct", false);
    var right = api.answer(agent, "how-slow", Math.round(p95) + " ms").getBody();
    assertThat(right).containsEntry("solved", true);
  }

  @Test
  void aMeasuredAnswerOnARouteThePickedWaitsForTheBinding() {
    Map<String, Object> s = api.openSession("measured-bound", "BAC1");
    Map<String, Object> enigma = new HashMap<>();
    enigma.put("scenarioId", "which-fails");
    enigma.put("id", "share");
    enigma.put("question", "What percentage fails?");
    enigma.put(
        "answer",
        Map.of(
            "type",
            "measured",
            "measure",
            "error-rate",
            "binding",
            "failing-route",
            "tolerance",
            40));
    api.register(s.get("id"), enigma);
    String agent = api.agent(s.get("joinCode"), "Rita");
    assertThat(api.enigma(agent, "which-fails.share")).containsEntry("ready", false);
    var bound =
        api.admin(
            "POST",
            "/api/admin/sessions/" + s.get("id") + "/bindings",
            Map.of(
                "scenarioId",
                "which-fails",
                "name",
                "failing-route",
                "value",
                "GET /api/categories"));
    assertThat(bound.getBody()).containsEntry("bound", List.of("which-fails.share"));
    assertThat(api.enigma(agent, "which-fails.share"))
        .containsEntry("ready", true)
        .containsEntry("unit", "%");
  }

  @Test
  void aMeasuredAnswerNeedsAStatisticARouteAndARelativeTolerance() {
    Map<String, Object> s = api.openSession("measured-bad", "BAC1");
    var bad =
        api.register(
            s.get("id"),
            Map.of(
                "id",
                "x",
                "question",
                "q",
                "answer",
                Map.of("type", "measured", "measure", "p42", "route", "GET /api/cart")));
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat((String) bad.getBody().get("detail")).contains("measure");
  }
}
