package dev.perfshop.cli.output;

/** Short human durations for tables: {@code 45s}, {@code 9m58s}, {@code 1h02m}. */
public final class Durations {

  private Durations() {}

  public static String human(long seconds) {
    if (seconds < 0) {
      return "-";
    }
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + String.format("%02ds", seconds % 60);
    }
    return (seconds / 3600) + "h" + String.format("%02dm", (seconds % 3600) / 60);
  }
}
