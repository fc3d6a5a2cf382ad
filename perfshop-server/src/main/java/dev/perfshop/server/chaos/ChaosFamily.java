package dev.perfshop.server.chaos;

import java.util.Locale;

/** The six families every chaos type belongs to. */
public enum ChaosFamily {
  PERFORMANCE,
  FUNCTIONAL,
  BUSINESS,
  SECURITY,
  SCRIPTING,
  INFRASTRUCTURE;

  /** The lower-case name used in the API, meters and logs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
