package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * Solvers for the shipped BAC1 scenarios (which-fails has its own class): the instructor's side
 * plays the scenario as the runner does ({@link ScenarioClass}), a {@link Student} answers every
 * enigma from what a student reaches, and another seed's answer is refused where the answer is
 * bound to the run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Bac1SolverTests {

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
  void slowCatalog() {
    Scenario s = ScenarioClass.shipped("slow-catalog");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "slow-route")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 3)) {
      // before the anomaly: each route's usual median (checkouts are slower than pages anyway)
      Map<String, Double> usual =
          Student.waitFor(
              "the routes' usual latency",
              Duration.ofSeconds(60),
              () -> {
                List<Student.Row> rows =
                    student.ranked(30, 10, Comparator.comparing(r -> r.route()));
                return rows.size() >= 3
                    ? Optional.of(
                        rows.stream()
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    Student.Row::route, Student.Row::p50)))
                    : Optional.empty();
              });
      mine.playUntil("2m");
      // the live statistics since then: one route's median rose far more than the others'
      Comparator<Student.Row> byRise =
          Comparator.comparingDouble(
              r -> -r.p50() / Math.max(1, usual.getOrDefault(r.route(), r.p50())));
      Student.Row slow =
          Student.waitFor(
              "one route much slower than it was",
              Duration.ofSeconds(60),
              () -> {
                List<Student.Row> ranked = student.ranked(mine.window(), 20, byRise);
                return ranked.size() >= 3
                        && ranked.get(0).p50() > 300
                        && ranked.get(0).p50()
                                / Math.max(
                                    1,
                                    usual.getOrDefault(ranked.get(0).route(), ranked.get(0).p50()))
                            > 3
                                * ranked.get(1).p50()
                                / Math.max(
                                    1,
                                    usual.getOrDefault(ranked.get(1).route(), ranked.get(1).p50()))
                    ? Optional.of(ranked.getFirst())
                    : Optional.empty();
              });
      student.solves("which-route", slow.route());
      mine.awaitFullWindow();
      student.solves(
          "how-slow", Student.ms(student.route(mine.window(), slow.route()).get().p95()));
      student.solves(
          "slow-median", Student.ms(student.route(mine.window(), slow.route()).get().p50()));
      student.solves(
          "list-p95", Student.ms(student.route(mine.window(), "GET /api/products").get().p95()));
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused("which-route", slow.route());
    }
  }

  @Test
  void brokenErrors() {
    Scenario s = ScenarioClass.shipped("broken-errors");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "failing-route")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 4)) {
      mine.playUntil("2m");
      // the only route of the table with a non-zero error rate
      Student.Row failing =
          Student.waitFor(
              "one route with server errors",
              Duration.ofSeconds(60),
              () -> {
                List<Student.Row> withErrors =
                    student.routes(mine.window()).stream().filter(r -> r.errorRate() > 0).toList();
                return withErrors.size() == 1
                    ? Optional.of(withErrors.getFirst())
                    : Optional.empty();
              });
      student.solves("failing-route", failing.route());
      mine.awaitFullWindow();
      student.solves(
          "error-share",
          Student.percent(student.route(mine.window(), failing.route()).get().errorRate()));
      student.solves(
          "orders-rate",
          Student.rps(student.route(mine.window(), "POST /api/orders").get().throughput()));
      new Student(api, theirs.joinCode(), "Copier", s.id())
          .isRefused("failing-route", failing.route());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void wrongPage() {
    Scenario s = ScenarioClass.shipped("wrong-page");
    ScenarioClass mine = new ScenarioClass(api, s, ScenarioClass.seedOf(s)).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 4)) {
      mine.playUntil("2m");
      // the student pages through the catalogue as the shop's pages do, and counts
      ResponseEntity<Map> first =
          student.shop().get().uri("/api/products?size=20&page=0").retrieve().toEntity(Map.class);
      student.solves("status-code", String.valueOf(first.getStatusCode().value()));
      long total = ((Number) first.getBody().get("totalItems")).longValue();
      int pages = ((Number) first.getBody().get("totalPages")).intValue();
      Set<Object> seen = new HashSet<>();
      for (int page = 0; page < pages; page++) {
        Map<String, Object> body =
            student
                .shop()
                .get()
                .uri("/api/products?size=20&page=" + page)
                .retrieve()
                .body(Map.class);
        ((List<Map<String, Object>>) body.get("items")).forEach(p -> seen.add(p.get("id")));
      }
      assertThat(seen.size()).as("products seen over all pages").isLessThan((int) total);
      List<String> options =
          s.enigmas().stream()
              .filter(e -> e.id().equals("symptom"))
              .findFirst()
              .get()
              .answer()
              .options();
      int missing = indexOf(options, "never appear");
      student.solves("symptom", List.of(missing));
      mine.awaitFullWindow();
      student.solves(
          "list-traffic",
          Student.rps(student.route(mine.window(), "GET /api/products").get().throughput()));
    }
  }

  static int indexOf(List<String> options, String containing) {
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).contains(containing)) {
        return i;
      }
    }
    throw new AssertionError("no option says " + containing + ": " + options);
  }
}
