package dev.perfshop.cli.config;

/** The instructor token sent as {@code X-Admin-Token}; never printed. */
public final class AdminToken {

  private final String value;

  public AdminToken(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public int length() {
    return value.length();
  }

  @Override
  public String toString() {
    return "AdminToken[****]";
  }
}
