package dev.perfshop.server.pedagogy;

import java.util.List;
import java.util.Map;

/** What the database keeps of an answer check (see {@link AnswerChecks}). */
record StoredAnswer(
    String type,
    List<String> options,
    boolean multiple,
    List<String> hashes,
    String pattern,
    Double value,
    Double tolerance,
    String unit,
    String binding,
    String measure,
    Map<String, String> when) {

  StoredAnswer {
    when = when == null ? Map.of() : Map.copyOf(when);
  }

  /** A number within a tolerance, in a unit. */
  static StoredAnswer number(String type, double value, double tolerance, String unit) {
    return new StoredAnswer(
        type, List.of(), false, List.of(), null, value, tolerance, unit, null, null, null);
  }

  /** Text matched by a regular expression (the pattern is the instructor's, not an answer). */
  static StoredAnswer pattern(String pattern) {
    return new StoredAnswer(
        "text", List.of(), false, List.of(), pattern, null, null, null, null, null, null);
  }

  /** Keyed hashes of the accepted answers (text, route). */
  static StoredAnswer hashed(String type, List<String> hashes) {
    return new StoredAnswer(
        type, List.of(), false, hashes, null, null, null, null, null, null, null);
  }

  /** A value bound at run time: no hash until the run binds it. */
  static StoredAnswer bound(String binding) {
    return new StoredAnswer(
        "bound", List.of(), false, List.of(), null, null, null, null, binding, null, null);
  }

  /** The server's measurement ({@code measure}) within a tolerance in percent. */
  static StoredAnswer measured(double tolerance, String unit, String binding, String measure) {
    return new StoredAnswer(
        "measured",
        List.of(),
        false,
        List.of(),
        null,
        null,
        tolerance,
        unit,
        binding,
        measure,
        null);
  }

  /** Checkouts the student's own script completes. */
  static StoredAnswer done(int checkouts) {
    return new StoredAnswer(
        "done",
        List.of(),
        false,
        List.of(),
        null,
        (double) checkouts,
        null,
        null,
        null,
        null,
        null);
  }

  /** A choice: the keyed hash of the right set of options. */
  static StoredAnswer choice(List<String> options, boolean multiple, String hash) {
    return new StoredAnswer(
        "choice", options, multiple, List.of(hash), null, null, null, null, null, null, null);
  }

  /** A choice whose right options follow a binding: per value, the keyed hashes in {@code when}. */
  static StoredAnswer boundChoice(
      List<String> options, boolean multiple, String binding, Map<String, String> when) {
    return new StoredAnswer(
        "choice", options, multiple, List.of(), null, null, null, null, binding, null, when);
  }

  /** The same answer with the hashes a run's binding gave it. */
  StoredAnswer withHashes(List<String> given) {
    return new StoredAnswer(
        type, options, multiple, given, pattern, value, tolerance, unit, binding, measure, when);
  }

  boolean ready() {
    return switch (type) {
      case "bound", "choice" -> !hashes.isEmpty();
      case "measured" -> measure != null && measure.indexOf(' ') > 0;
      default -> true;
    };
  }
}
