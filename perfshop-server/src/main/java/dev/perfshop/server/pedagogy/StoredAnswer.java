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

  StoredAnswer(
      String type,
      List<String> options,
      boolean multiple,
      List<String> hashes,
      String pattern,
      Double value,
      Double tolerance,
      String unit,
      String binding,
      String measure) {
    this(type, options, multiple, hashes, pattern, value, tolerance, unit, binding, measure, null);
  }

  StoredAnswer(
      String type,
      List<String> options,
      boolean multiple,
      List<String> hashes,
      String pattern,
      Double value,
      Double tolerance,
      String unit,
      String binding) {
    this(type, options, multiple, hashes, pattern, value, tolerance, unit, binding, null, null);
  }

  boolean ready() {
    return switch (type) {
      case "bound", "choice" -> !hashes.isEmpty();
      case "measured" -> measure != null && measure.indexOf(' ') > 0;
      default -> true;
    };
  }
}
