package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Solvers for the shipped BAC5 scenarios that the embedded server can play: a {@link Student}
 * answers from the live statistics and the Traces and Metrics tabs ({@code /api/stats/signals/**}),
 * and a class whose seed drew another anomaly refuses the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Bac5SolverTests {

  private static final String CHECKOUT = "POST /api/orders";

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

  /**
   * Checkout slows down in the database or in the payment gateway (drawn from the seed) while a log
   * flood adds noise. The student opens the slowest checkout traces and adds up where their time
   * goes: SQL spans ({@code db}) or the call to the gateway ({@code client}).
   */
  @Test
  void rootCause() {
    Scenario s = ScenarioClass.shipped("root-cause");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "slow-part")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 1)) {
      mine.playUntil("6m");
      String component =
          Student.waitFor(
              "slow checkout traces whose time is in the database or in the gateway",
              Duration.ofSeconds(90),
              () -> slowPart(student));
      int answer = Bac1SolverTests.indexOf(Bac2SolverTests.option(s, "slow-span"), component);
      student.solves("slow-span", List.of(answer));
      mine.awaitFullWindow();
      Student.Row checkout = student.route(mine.window(), CHECKOUT).orElseThrow();
      student.solves("flood-rate", Student.rps(checkout.throughput()));
      student.solves("checkout-p99", Student.ms(checkout.p99()));
      student.solves("checkout-p50", Student.ms(checkout.p50()));
      theirs.playUntil("6m");
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused("slow-span", List.of(answer));
    }
  }

  /**
   * Over the slowest kept checkouts, the time in SQL spans against the time in calls to another
   * system: the one that carries most of a slow checkout names the component.
   */
  @SuppressWarnings("unchecked")
  private static Optional<String> slowPart(Student student) {
    Map<String, Object> view = student.signal("traces?route=" + CHECKOUT);
    List<Map<String, Object>> traces = (List<Map<String, Object>>) view.get("traces");
    if (traces == null || traces.size() < 3) {
      return Optional.empty();
    }
    double db = 0;
    double client = 0;
    double total = 0;
    for (Map<String, Object> t : traces.subList(0, 3)) {
      total += Student.num(t, "durationMillis").doubleValue();
      for (Map<String, Object> span : (List<Map<String, Object>>) t.get("spans")) {
        double d = Student.num(span, "durationMillis").doubleValue();
        switch (String.valueOf(span.get("kind"))) {
          case "db" -> db += d;
          case "client" -> client += d;
          default -> {}
        }
      }
    }
    // a slow part carries at least half of the slowest checkouts' time
    if (db > total / 2 && db > client) {
      return Optional.of("database");
    }
    if (client > total / 2 && client > db) {
      return Optional.of("payment gateway");
    }
    return Optional.empty();
  }
}
