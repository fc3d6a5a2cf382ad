package dev.perfshop.cli.config;

/**
 * A configuration value with the source that won and its origin (the flag, variable or file it was
 * read from). {@code value} is null when nothing set it.
 */
public record Resolved<T>(T value, Source source, String origin) {

  public static <T> Resolved<T> none() {
    return new Resolved<>(null, Source.NONE, "");
  }

  public boolean present() {
    return value != null;
  }

  /** "environment PERFSHOP_URL", "flag --url", "default"… */
  public String describeSource() {
    return origin.isEmpty() ? source.label() : source.label() + " " + origin;
  }
}
