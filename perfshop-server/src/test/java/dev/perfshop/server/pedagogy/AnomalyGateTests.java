package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An enigma of a scenario is a diagnosis of its anomaly: while the anomaly is off, answers are
 * refused (409, not counted); a warm-up enigma (no anomalies) is always solvable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnomalyGateTests {

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
  void theLibraryOfALevelCannotBeSolvedBeforeItsAnomalyRuns() {
    Map<String, Object> s = api.openSession("gate", "BAC1");
    api.adminAny("POST", "/api/admin/sessions/" + s.get("id") + "/enigmas/library");
    // what a run of slow-catalog binds: the slow route its seed drew
    api.admin(
        "POST",
        "/api/admin/sessions/" + s.get("id") + "/bindings",
        Map.of(
            "scenarioId", "slow-catalog", "name", "slow-route", "value", "GET /api/products/{id}"));
    String agent = api.agent(s.get("joinCode"), "Eve");
    assertThat(api.enigma(agent, "slow-catalog.which-route")).containsEntry("anomalyLive", false);

    var refused = api.answer(agent, "slow-catalog.which-route", "GET /api/products/{id}");
    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat(refused.getBody())
        .containsEntry("reason", "anomaly-off")
        .containsEntry("anomalies", List.of("latency"));
    assertThat((String) refused.getBody().get("detail")).contains("not running");
    // not an attempt: nothing counted
    assertThat(api.enigma(agent, "slow-catalog.which-route")).containsEntry("wrongAnswers", 0);

    // another scenario's anomaly does not open it
    api.admin("PUT", "/api/admin/chaos/error-rate", Map.of("level", 1));
    assertThat(
            api.answer(agent, "slow-catalog.which-route", "GET /api/products/{id}")
                .getStatusCode()
                .value())
        .isEqualTo(409);

    api.admin(
        "PUT",
        "/api/admin/chaos/latency",
        Map.of("level", 2, "routes", List.of("/api/products/*")));
    assertThat(api.enigma(agent, "slow-catalog.which-route")).containsEntry("anomalyLive", true);
    assertThat(api.answer(agent, "slow-catalog.which-route", "GET /api/products/{id}").getBody())
        .containsEntry("solved", true)
        .containsEntry("stars", 3);
  }

  @Test
  void anEnigmaWithoutAnomaliesIsAlwaysSolvableAndUnknownAnomaliesAreRefused() {
    Map<String, Object> s = api.openSession("warm", "BAC1");
    Map<String, Object> warm =
        new java.util.HashMap<>(Api.routeEnigma("w", "GET /api/cart", List.of()));
    assertThat(api.register(s.get("id"), warm).getStatusCode().value()).isEqualTo(201);
    String agent = api.agent(s.get("joinCode"), "Finn");
    assertThat(api.answer(agent, "w", "GET /api/cart").getBody()).containsEntry("solved", true);

    Map<String, Object> bad = new java.util.HashMap<>(warm);
    bad.put("id", "bad");
    bad.put("anomalies", List.of("frobnicate"));
    var refused = api.register(s.get("id"), bad);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat((String) refused.getBody().get("detail")).contains("frobnicate");
  }
}
