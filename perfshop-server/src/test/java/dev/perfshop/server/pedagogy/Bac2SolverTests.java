package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Solvers for the shipped BAC2 scenarios: the instructor's side plays the scenario as the runner
 * does ({@link ScenarioClass}), a {@link Student} answers every enigma from the live statistics and
 * the Metrics tab ({@code /api/stats/signals/metrics}), and another seed's answer is refused where
 * the answer is bound to the run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Bac2SolverTests {

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
  void cpuHog() {
    solveCpu("cpu-hog", "cpu-route", "cpu-route", "cpu-metric", "cpu-median", null);
  }

  @Test
  void cpuTarget() {
    solveCpu("cpu-target", "hot-route", "hot-route", "hot-p95", null, "hot-throughput");
  }

  /**
   * The CPU line of the Metrics tab rises; the route that burns it is slow even at its median (the
   * others only queue behind it now and then).
   */
  private void solveCpu(
      String id, String binding, String which, String p95, String p50, String throughput) {
    Scenario s = ScenarioClass.shipped(id);
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, binding)).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 1.5)) {
      // before the anomaly: each route's usual median and the process CPU (a loaded machine makes
      // every route slow: only the rise against this baseline tells the burning route)
      Map<String, Double> usual = usualMedians(student);
      double usualCpu = meanCpu(recent(student, 15));
      mine.playUntil("2m");
      // the Metrics tab: the process CPU over the last 15 s rises above what it was
      double busyCpu =
          Student.waitFor(
              "the process CPU rise on the Metrics tab",
              Duration.ofSeconds(90),
              () -> {
                double now = meanCpu(recent(student, 15));
                return now > usualCpu * 1.1 ? Optional.of(now) : Optional.empty();
              });
      assertThat(busyCpu).isGreaterThan(usualCpu);
      Student.Row hot = mostRisen(student, mine, usual, "one route's median risen far more");
      student.solves(which, hot.route());
      mine.awaitFullWindow();
      student.solves(p95, Student.ms(student.route(mine.window(), hot.route()).get().p95()));
      if (p50 != null) {
        student.solves(p50, Student.ms(student.route(mine.window(), hot.route()).get().p50()));
      }
      if (throughput != null) {
        student.solves(
            throughput, Student.rps(student.route(mine.window(), hot.route()).get().throughput()));
      }
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused(which, hot.route());
    }
  }

  /**
   * Each route's median over the last 20 s, after 30 s of traffic: a student's shop has been
   * running for a while, a fresh test server still compiles its hot paths and would make a slow
   * baseline.
   */
  static Map<String, Double> usualMedians(Student student) {
    sleep(Duration.ofSeconds(30));
    return Student.waitFor(
        "the routes' usual latency",
        Duration.ofSeconds(60),
        () -> {
          List<Student.Row> rows = student.ranked(20, 10, Comparator.comparing(r -> r.route()));
          return rows.size() >= 3
              ? Optional.of(
                  rows.stream().collect(Collectors.toMap(Student.Row::route, Student.Row::p50)))
              : Optional.empty();
        });
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /**
   * The route whose median rose, against its own usual median, at least three times more than any
   * other route's did.
   */
  static Student.Row mostRisen(
      Student student, ScenarioClass mine, Map<String, Double> usual, String what) {
    ToDoubleFunction<Student.Row> rise =
        r -> r.p50() / Math.max(1, usual.getOrDefault(r.route(), r.p50()));
    return Student.waitFor(
        what,
        Duration.ofSeconds(90),
        () -> {
          List<Student.Row> ranked =
              student.ranked(mine.window(), 15, Comparator.comparingDouble(rise).reversed());
          return ranked.size() >= 3
                  && rise.applyAsDouble(ranked.get(0)) > 3 * rise.applyAsDouble(ranked.get(1))
              ? Optional.of(ranked.getFirst())
              : Optional.empty();
        });
  }

  /** The Metrics tab's samples of the last {@code seconds} (the tab shows at least a minute). */
  static List<Map<String, Object>> recent(Student student, int seconds) {
    long from = System.currentTimeMillis() / 1000 - seconds;
    return student.metrics(60).stream()
        .filter(m -> Student.num(m, "t").longValue() > from)
        .toList();
  }

  static double meanCpu(List<Map<String, Object>> samples) {
    return samples.stream().mapToDouble(Bac2SolverTests::cpu).average().orElse(0);
  }

  @SuppressWarnings("unchecked")
  static double cpu(Map<String, Object> sample) {
    return Student.num((Map<String, Object>) sample.get("cpu"), "process").doubleValue();
  }

  @SuppressWarnings("unchecked")
  static long afterGc(Map<String, Object> sample) {
    return Student.num((Map<String, Object>) sample.get("heap"), "afterGc").longValue();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> part(Map<String, Object> sample, String name) {
    return (Map<String, Object>) sample.get(name);
  }

  @Test
  void memoryLeak() {
    Scenario s = ScenarioClass.shipped("memory-leak");
    ScenarioClass mine = new ScenarioClass(api, s, ScenarioClass.seedOf(s)).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 2)) {
      mine.playUntil("5m");
      // the heap's floor after each collection, on the Metrics tab: does it keep rising?
      long before = afterGc(student.metrics(60).getLast());
      long floor =
          Student.waitFor(
              "the heap's floor after GC rise by 8 MiB",
              Duration.ofSeconds(60),
              () -> {
                long now = afterGc(student.metrics(60).getLast());
                return now > before + 8L * 1024 * 1024 ? Optional.of(now) : Optional.empty();
              });
      assertThat(floor).isGreaterThan(before);
      List<String> options = option(s, "leak-shape");
      student.solves("leak-shape", List.of(Bac1SolverTests.indexOf(options, "keep rising")));
      mine.awaitFullWindow();
      student.solves(
          "gc-metric",
          Student.ms(student.route(mine.window(), "GET /api/products/{id}").get().p99()));
    }
  }

  /**
   * The seed draws slow SQL (db-latency) or CPU burnt in the shop's code (cpu-burn). The student
   * tells them apart on the Metrics tab: SQL time that carries the request time, or a process CPU
   * that rises while SQL stays quick. Another class, whose seed drew the other one, refuses the
   * answer.
   */
  @Test
  void slowDatabase() {
    Scenario s = ScenarioClass.shipped("slow-database");
    long seed = ScenarioClass.seedOf(s);
    ScenarioClass mine = new ScenarioClass(api, s, seed).open();
    ScenarioClass theirs =
        new ScenarioClass(api, s, ScenarioClass.otherSeed(s, seed, "slow-layer")).open();
    Student student = new Student(api, mine.joinCode(), "Solver", s.id());
    try (Shoppers shop = mine.traffic("http://localhost:" + port, 1.5)) {
      sleep(Duration.ofSeconds(20));
      double usualCpu = meanCpu(recent(student, 15));
      mine.playUntil("3m");
      mine.awaitFullWindow();
      // the Metrics tab: either SQL statements take most of a request's time, or the process CPU
      // rises while SQL stays quick
      String layer =
          Student.waitFor(
              "slow SQL statements or a CPU rise on the Metrics tab",
              Duration.ofSeconds(60),
              () -> {
                Map<String, Object> sql = part(student.metrics(60).getLast(), "sql");
                if (Student.num(sql, "meanMillis").doubleValue() > 50) {
                  return Optional.of("database");
                }
                return meanCpu(recent(student, 15)) > usualCpu * 1.2
                    ? Optional.of("own code")
                    : Optional.empty();
              });
      int answer = Bac1SolverTests.indexOf(option(s, "layer"), layer);
      student.solves("layer", List.of(answer));
      student.solves(
          "pool-metric", Student.ms(student.route(mine.window(), "GET /api/products").get().p95()));
      student.solves(
          "detail-p99",
          Student.ms(student.route(mine.window(), "GET /api/products/{id}").get().p99()));
      theirs.playUntil("3m");
      new Student(api, theirs.joinCode(), "Copier", s.id()).isRefused("layer", List.of(answer));
    }
  }

  static List<String> option(Scenario s, String enigma) {
    return s.enigmas().stream()
        .filter(e -> e.id().equals(enigma))
        .findFirst()
        .orElseThrow()
        .answer()
        .options();
  }
}
