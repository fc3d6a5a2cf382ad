package dev.perfshop.server.signals;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One observation per SQL statement, named as the OpenTelemetry Java agent names its database spans
 * ({@code SELECT products}): a timer {@code db.client.operation} per operation in the registry, and
 * a span in the trace of the request that ran it.
 */
final class SqlObservations {

  static final String NAME = "db.client.operation";
  static final int MAX_TEXT = 400;

  private static final Pattern TABLE =
      Pattern.compile(
          "\\b(?:from|into|update|join)\\s+[`\"]?([A-Za-z_][A-Za-z0-9_.]*)",
          Pattern.CASE_INSENSITIVE);

  private final Supplier<ObservationRegistry> registry;

  SqlObservations(Supplier<ObservationRegistry> registry) {
    this.registry = registry;
  }

  /** A started observation for {@code sql}; the caller stops it. */
  Observation start(String sql) {
    String operation = operation(sql);
    String table = table(sql);
    Observation observation =
        Observation.createNotStarted(NAME, registry.get())
            .contextualName(table == null ? operation : operation + " " + table)
            .lowCardinalityKeyValue(KeyValue.of("db.operation.name", operation))
            .highCardinalityKeyValue(
                KeyValue.of(
                    "db.query.text", sql.length() > MAX_TEXT ? sql.substring(0, MAX_TEXT) : sql));
    if (table != null) {
      observation.highCardinalityKeyValue(KeyValue.of("db.collection.name", table));
    }
    return observation.start();
  }

  static String operation(String sql) {
    String s = sql.stripLeading();
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    String word = s.substring(0, end).toUpperCase(Locale.ROOT);
    return switch (word) {
      case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "CALL" -> word;
      default -> "OTHER";
    };
  }

  static String table(String sql) {
    Matcher m = TABLE.matcher(sql);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }
}
