package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A solver for the shipped BAC1 scenario {@code which-fails}: the instructor's side does what the
 * scenario runner does ({@link ScenarioClass}), and a {@link Student} solves every enigma using
 * only what a student reaches — {@code /api/stats/**} and {@code /api/student/**}. Another seed's
 * answer is refused.
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

  @Test
  void aStudentSolvesEveryEnigmaFromTheLiveStatisticsAndAnotherSeedsAnswerIsRefused() {
    Scenario s = ScenarioClass.shipped("which-fails");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "failing-route")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());

    try (Shoppers shop = mine.traffic("http://localhost:" + port, 4)) {
      mine.playUntil("2m");
      // As a student reads the table: the routes under the class's traffic, worst error rate first.
      Student.Row worst =
          Student.waitFor(
              "one route failing among routes with traffic",
              Duration.ofSeconds(60),
              () -> {
                var ranked =
                    student.ranked(
                        mine.window(), 30, Comparator.comparingDouble(r -> -r.errorRate()));
                return ranked.size() >= 3
                        && ranked.get(0).errorRate() > 0.1
                        && ranked.get(1).errorRate() == 0
                    ? Optional.of(ranked.getFirst())
                    : Optional.empty();
              });
      student.solves("which", worst.route());
      mine.awaitFullWindow();
      Student.Row now = student.route(mine.window(), worst.route()).orElseThrow();
      student.solves("share", Student.percent(now.errorRate()));
      student.solves("traffic", Student.rps(now.throughput()));

      // a neighbour with another seed copies this answer: wrong for them
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused("which", worst.route());
    }
  }
}
