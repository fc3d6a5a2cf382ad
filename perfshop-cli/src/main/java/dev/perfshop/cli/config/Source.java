package dev.perfshop.cli.config;

/** Where a configuration value came from, in order of precedence (first wins). */
public enum Source {
  FLAG("flag"),
  ENVIRONMENT("environment"),
  USER_CONFIG("config file"),
  LAB_WORKSPACE("lab workspace"),
  DEFAULT("default"),
  NONE("not set");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  /** Stable lower-case name used in JSON output. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public String label() {
    return label;
  }
}
