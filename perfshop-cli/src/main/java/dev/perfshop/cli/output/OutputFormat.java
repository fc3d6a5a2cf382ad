package dev.perfshop.cli.output;

/** {@code --output} values; lower-case constants so that help and completion show what to type. */
public enum OutputFormat {
  text,
  json
}
