package dev.perfshop.cli.scenario;

import dev.perfshop.scenario.Durations;
import dev.perfshop.scenario.Scenario;
import java.util.Locale;

/** Thresholds of expectations: latencies as durations (compared in ms), rates as % or fractions. */
final class Expectations {

  private Expectations() {}

  static boolean holds(Scenario.Expectation e, double observed) {
    if (e.above() != null) {
      return observed > threshold(e, e.above());
    }
    return observed < threshold(e, e.below());
  }

  static double threshold(Scenario.Expectation e, String text) {
    if (latency(e)) {
      return Durations.parse(text).orElseThrow().toNanos() / 1_000_000.0;
    }
    if (text.endsWith("%")) {
      return Double.parseDouble(text.substring(0, text.length() - 1)) / 100.0;
    }
    return Double.parseDouble(text);
  }

  static String format(Scenario.Expectation e, double value) {
    if (latency(e)) {
      return String.format(Locale.ROOT, "%.1fms", value);
    }
    if ("error-rate".equals(e.metric())) {
      return String.format(Locale.ROOT, "%.1f%%", value * 100);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static boolean latency(Scenario.Expectation e) {
    return e.metric() != null && e.metric().startsWith("p");
  }
}
