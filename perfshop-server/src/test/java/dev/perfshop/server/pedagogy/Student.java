package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.client.RestClient;

/**
 * A student of a solver test: reads only what a student reaches — the live statistics ({@code
 * /api/stats/**}, with the signals under {@code /api/stats/signals/**}), the shop's own API, and
 * the student API with their agent code. No admin header is ever sent from here.
 */
final class Student {

  /** One row of the live statistics table ({@code /api/stats/routes}). */
  record Row(
      String route,
      long count,
      double throughput,
      double errorRate,
      double p50,
      double p95,
      double p99) {}

  private final Api api;
  private final RestClient http;
  private final String agent;
  private final String scenarioId;

  Student(Api api, String joinCode, String nickname, String scenarioId) {
    this.api = api;
    this.http = api.http();
    this.agent = api.agent(joinCode, nickname);
    this.scenarioId = scenarioId;
    assertThat(agent).as("joined with %s", joinCode).isNotBlank();
  }

  /** The live statistics table over the last {@code window} seconds. */
  @SuppressWarnings("unchecked")
  List<Row> routes(int window) {
    Map<String, Object> stats =
        http.get().uri("/api/stats/routes?window=" + window).retrieve().body(Map.class);
    return ((List<Map<String, Object>>) stats.get("routes"))
        .stream()
            .map(
                r ->
                    new Row(
                        (String) r.get("route"),
                        num(r, "count").longValue(),
                        num(r, "throughput").doubleValue(),
                        num(r, "errorRate").doubleValue(),
                        num(r, "p50").doubleValue(),
                        num(r, "p95").doubleValue(),
                        num(r, "p99").doubleValue()))
            .toList();
  }

  Optional<Row> route(int window, String route) {
    return routes(window).stream().filter(r -> r.route().equals(route)).findFirst();
  }

  /**
   * The routes with at least {@code minCount} requests in the window, worst first by {@code by}.
   */
  List<Row> ranked(int window, long minCount, Comparator<Row> worstFirst) {
    return routes(window).stream().filter(r -> r.count() >= minCount).sorted(worstFirst).toList();
  }

  /** The server's instruments over the last {@code window} seconds (the Metrics tab). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> metrics(int window) {
    Map<String, Object> m =
        http.get().uri("/api/stats/signals/metrics?window=" + window).retrieve().body(Map.class);
    return (List<Map<String, Object>>) m.get("samples");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> signal(String pathAndQuery) {
    return http.get().uri("/api/stats/signals/" + pathAndQuery).retrieve().body(Map.class);
  }

  /** The shop's API, as a browser (or curl) reads it. */
  RestClient shop() {
    return http;
  }

  /** Answers an enigma of the scenario; the server's verdict. */
  @SuppressWarnings("unchecked")
  Map<String, Object> answer(String enigma, Object answer) {
    Map<String, Object> body = api.answer(agent, scenarioId + "." + enigma, answer).getBody();
    return body == null ? Map.of() : body;
  }

  /** Answers and expects the enigma solved. */
  void solves(String enigma, Object answer) {
    assertThat(answer(enigma, answer))
        .as("%s answered %s", enigma, answer)
        .containsEntry("solved", true);
  }

  /** Answers and expects a wrong answer. */
  void isRefused(String enigma, Object answer) {
    assertThat(answer(enigma, answer))
        .as("%s answered %s", enigma, answer)
        .containsEntry("correct", false);
  }

  /** Looks again and again, until what it sees satisfies the student, or fails at the deadline. */
  static <T> T waitFor(String what, Duration deadline, Supplier<Optional<T>> look) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Optional<T> seen = look.get();
      if (seen.isPresent()) {
        return seen.get();
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("a student never saw " + what + " within " + deadline);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
  }

  static Number num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n : 0;
  }

  static String ms(double value) {
    return String.format(java.util.Locale.ROOT, "%.0f ms", value);
  }

  static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
  }

  static String rps(double value) {
    return String.format(java.util.Locale.ROOT, "%.2f rps", value);
  }
}
