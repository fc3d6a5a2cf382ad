package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Scenario;
import java.util.List;
import java.util.Map;

/**
 * How an enigma's answer is checked, as an instructor or a scenario writes it (the same shape as
 * {@code answer:} in a scenario YAML, plus {@code accepted} and {@code multiple}).
 *
 * <ul>
 *   <li>{@code choice}: {@code options} (2–10) and the {@code correct} indexes; {@code multiple}
 *       (default: more than one correct index) asks for the exact set. With a {@code binding}, the
 *       right options depend on the run: {@code correctWhen} gives them for each value the binding
 *       may take, and the choice waits for {@link EnigmaRegistry#bind}
 *   <li>{@code number}: {@code value} ± {@code tolerance} in {@code unit}; students may answer in
 *       another unit of the same dimension (250 ms = 0.25 s)
 *   <li>{@code text}: {@code accepted} exact answers (case and spacing ignored), or a {@code
 *       pattern} (a bounded, ReDoS-safe regular expression matched against the whole answer)
 *   <li>{@code route}: {@code route} such as {@code GET /api/products/{id}}
 *   <li>{@code measured}: the server's own measurement of {@code measure} (p50, p95, p99,
 *       error-rate, throughput) on {@code route} over the window of the enigma's anomaly, within
 *       {@code tolerance} percent of it
 *   <li>{@code bound}: the value of the run-time {@code binding} (a scenario's random pick), bound
 *       later through {@link EnigmaRegistry#bind}
 *   <li>{@code done}: solved by doing, not by typing: the student's own script completes {@code
 *       checkouts} checkouts that pass the enigma's token anomalies, tagged with their agent code
 *       ({@link DoingCheckouts})
 * </ul>
 */
public record AnswerSpec(
    String type,
    List<String> options,
    List<Integer> correct,
    Boolean multiple,
    Double value,
    Double tolerance,
    String unit,
    String pattern,
    List<String> accepted,
    String route,
    String binding,
    String measure,
    Integer checkouts,
    Map<String, List<Integer>> correctWhen) {

  public AnswerSpec {
    correctWhen = correctWhen == null ? Map.of() : Map.copyOf(correctWhen);
    options = options == null ? List.of() : List.copyOf(options);
    correct = correct == null ? List.of() : List.copyOf(correct);
    accepted = accepted == null ? List.of() : List.copyOf(accepted);
  }

  public static AnswerSpec from(Scenario.Answer a) {
    return new AnswerSpec(
        a.type(),
        a.options(),
        a.correct(),
        null,
        a.value(),
        a.tolerance(),
        a.unit(),
        a.pattern(),
        null,
        a.route(),
        a.binding(),
        a.measure(),
        a.checkouts(),
        a.correctWhen());
  }

  public static AnswerSpec done(int checkouts) {
    return new AnswerSpec(
        "done", null, null, null, null, null, null, null, null, null, null, null, checkouts, null);
  }

  public static AnswerSpec choice(List<String> options, List<Integer> correct) {
    return new AnswerSpec(
        "choice", options, correct, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  public static AnswerSpec number(double value, double tolerance, String unit) {
    return new AnswerSpec(
        "number", null, null, null, value, tolerance, unit, null, null, null, null, null, null,
        null);
  }

  public static AnswerSpec text(List<String> accepted) {
    return new AnswerSpec(
        "text", null, null, null, null, null, null, null, accepted, null, null, null, null, null);
  }

  public static AnswerSpec regex(String pattern) {
    return new AnswerSpec(
        "text", null, null, null, null, null, null, pattern, null, null, null, null, null, null);
  }

  public static AnswerSpec route(String route) {
    return new AnswerSpec(
        "route", null, null, null, null, null, null, null, null, route, null, null, null, null);
  }

  public static AnswerSpec bound(String binding) {
    return new AnswerSpec(
        "bound", null, null, null, null, null, null, null, null, null, binding, null, null, null);
  }
}
