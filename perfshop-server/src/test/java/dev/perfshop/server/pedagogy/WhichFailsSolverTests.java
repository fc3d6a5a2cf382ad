package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioLibrary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * A solver for the shipped BAC1 scenario {@code which-fails}: the instructor's side does what the
 * scenario runner does (registers the enigmas with their anomalies, binds the seed's pick, enables
 * the chaos, sends traffic), and a student solves every enigma using only what a student reaches —
 * {@code /api/stats/**} and {@code /api/student/**}. Another seed's answer is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhichFailsSolverTests {

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

  private static Scenario whichFails() {
    return ScenarioLibrary.shipped().stream()
        .map(ScenarioLibrary.Entry::scenario)
        .filter(s -> s.id().equals("which-fails"))
        .findFirst()
        .orElseThrow();
  }

  /** The runner's pick (ScenarioPlan): a SplittableRandom of the seed over the binding's list. */
  private static String pick(Scenario s, long seed) {
    List<String> values = s.bindings().getFirst().pick();
    return values.get(new SplittableRandom(seed).nextInt(values.size()));
  }

  /** What the runner does for one class session, with its seed. */
  private Map<String, Object> run(Scenario s, String route) {
    Map<String, Object> session = api.openSession("which-fails " + route, "BAC1");
    for (Scenario.Enigma e : s.enigmas()) {
      Map<String, Object> body = new HashMap<>();
      body.put("scenarioId", s.id());
      body.put("id", e.id());
      body.put("question", e.question());
      body.put("answer", AnswerSpec.from(e.answer()));
      body.put("hints", e.hints());
      body.put("anomalies", s.anomaliesOf(e.id()));
      assertThat(api.register(session.get("id"), body).getStatusCode().value()).isEqualTo(201);
    }
    api.admin(
        "POST",
        "/api/admin/sessions/" + session.get("id") + "/bindings",
        Map.of("scenarioId", s.id(), "name", "failing-route", "value", route));
    return session;
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStudentSolvesEveryEnigmaFromTheLiveStatisticsAndAnotherSeedsAnswerIsRefused() {
    Scenario s = whichFails();
    String route = pick(s, s.seed());
    String other =
        s.bindings().getFirst().pick().stream().filter(r -> !r.equals(route)).findFirst().get();
    Map<String, Object> mine = run(s, route);
    Map<String, Object> theirs = run(s, other);
    var chaos = s.steps().stream().filter(st -> st.chaos() != null).findFirst().get().chaos();
    api.admin(
        "PUT",
        "/api/admin/chaos/" + chaos.enable(),
        Map.of("level", chaos.level(), "routes", List.of(path(route))));

    // the class's traffic (the runner's shoppers)
    RestClient shop = api.http();
    for (int i = 0; i < 60; i++) {
      for (String r : s.bindings().getFirst().pick()) {
        shop.get().uri(path(r).replace("*", "1")).retrieve().toBodilessEntity();
      }
    }

    // the student: only the live statistics and the student API
    String agent = api.agent(mine.get("joinCode"), "Solver");
    Map<String, Object> stats =
        shop.get().uri("/api/stats/routes?window=30").retrieve().body(Map.class);
    // As a student reads the table: the shop's routes under the class's traffic, not a one-off
    // request (other suites share this server and its statistics).
    List<Map<String, Object>> routes =
        new ArrayList<>(
            ((List<Map<String, Object>>) stats.get("routes"))
                .stream().filter(r -> ((Number) r.get("count")).longValue() >= 30).toList());
    routes.sort(Comparator.comparingDouble(r -> -((Number) r.get("errorRate")).doubleValue()));
    Map<String, Object> worst = routes.getFirst();
    String seen = (String) worst.get("route");
    assertThat(seen).as("the failing route stands out").isEqualTo(route);

    String key = s.id() + ".";
    assertThat(api.answer(agent, key + "which", seen).getBody()).containsEntry("solved", true);
    double share = ((Number) worst.get("errorRate")).doubleValue() * 100;
    assertThat(api.answer(agent, key + "share", String.format("%.1f %%", share)).getBody())
        .containsEntry("solved", true);
    double rate = ((Number) worst.get("throughput")).doubleValue();
    assertThat(api.answer(agent, key + "traffic", String.format("%.2f rps", rate)).getBody())
        .containsEntry("solved", true);

    // a neighbour with another seed copies this answer: wrong for them
    String neighbour = api.agent(theirs.get("joinCode"), "Copier");
    assertThat(api.answer(neighbour, key + "which", seen).getBody())
        .containsEntry("correct", false);
  }

  private static String path(String route) {
    return route.substring(route.indexOf(' ') + 1).replace("{id}", "*");
  }
}
