package dev.perfshop.server.signals;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  /** Statement shapes kept at most (the shop's ORM repeats a few hundred statements at most). */
  static final int MAX_SHAPES = 1024;

  /**
   * What an observation needs from a statement's text, read once per distinct text: the regular
   * expression and the text's cut are not paid again on every execution.
   */
  record Shape(String name, KeyValue operation, KeyValue text, KeyValue table) {
    static Shape of(String sql) {
      String operation = SqlObservations.operation(sql);
      String table = SqlObservations.table(sql);
      return new Shape(
          table == null ? operation : operation + " " + table,
          KeyValue.of("db.operation.name", operation),
          KeyValue.of("db.query.text", sql.length() > MAX_TEXT ? sql.substring(0, MAX_TEXT) : sql),
          table == null ? null : KeyValue.of("db.collection.name", table));
    }
  }

  private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

  Shape shape(String sql) {
    Shape shape = shapes.get(sql);
    if (shape == null) {
      shape = Shape.of(sql);
      if (shapes.size() < MAX_SHAPES) {
        shapes.putIfAbsent(sql, shape);
      }
    }
    return shape;
  }

  /** A started observation for {@code sql}; the caller stops it. */
  Observation start(String sql) {
    Shape shape = shape(sql);
    Observation observation =
        Observation.createNotStarted(NAME, registry.get())
            .contextualName(shape.name())
            .lowCardinalityKeyValue(shape.operation())
            .highCardinalityKeyValue(shape.text());
    if (shape.table() != null) {
      observation.highCardinalityKeyValue(shape.table());
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
