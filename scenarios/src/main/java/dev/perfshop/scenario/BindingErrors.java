package dev.perfshop.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a data-binding error into a message for the author of the file: field names and the values
 * the format allows, never a Java class name ({@code level must be one of BAC1, …}, not {@code
 * Cannot deserialize value of type `dev.perfshop.scenario.Level`}).
 */
final class BindingErrors {

  private static final Map<Class<?>, String> KINDS =
      Map.ofEntries(
          Map.entry(String.class, "text"),
          Map.entry(Integer.class, "a whole number"),
          Map.entry(int.class, "a whole number"),
          Map.entry(Long.class, "a whole number"),
          Map.entry(long.class, "a whole number"),
          Map.entry(Double.class, "a number"),
          Map.entry(double.class, "a number"),
          Map.entry(Boolean.class, "true or false"),
          Map.entry(boolean.class, "true or false"));

  private BindingErrors() {}

  static String message(JacksonException e) {
    String field = field(e.getPath());
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds() == null
              ? ""
              : "; known keys here: "
                  + u.getKnownPropertyIds().stream()
                      .map(String::valueOf)
                      .collect(Collectors.toCollection(TreeSet::new))
                      .stream()
                      .collect(Collectors.joining(", "));
      return "unknown key '" + u.getPropertyName() + "'" + known;
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return field + " must be " + expected(m.getTargetType());
    }
    return withoutClassNames(e.getOriginalMessage());
  }

  /** What a value of the target type looks like, in the words of the file format. */
  static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + String.join(", ", values(type));
    }
    String kind = KINDS.get(type);
    if (kind != null) {
      return kind;
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a mapping (key: value lines)";
  }

  /** An enum's values as the file writes them ({@code @JsonProperty} names where given). */
  static List<String> values(Class<?> type) {
    return Arrays.stream(type.getFields())
        .filter(java.lang.reflect.Field::isEnumConstant)
        .map(
            f -> {
              JsonProperty named = f.getAnnotation(JsonProperty.class);
              return named != null && !named.value().isEmpty() ? named.value() : f.getName();
            })
        .toList();
  }

  /** The field an error is about: {@code level}, {@code steps[2].chaos.level}. */
  static String field(List<JacksonException.Reference> path) {
    if (path == null || path.isEmpty()) {
      return "the document";
    }
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : path) {
      if (ref.getPropertyName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getPropertyName());
      } else {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  /** Last resort for messages of other kinds: qualified Java names become their simple names. */
  static String withoutClassNames(String message) {
    if (message == null) {
      return "the file cannot be read as a scenario";
    }
    return message
        .replaceAll("`?\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*\\$)*([A-Za-z0-9_]+)`?", "$2")
        .replaceAll("\\s*\\(for Object starting at.*", "");
  }
}
