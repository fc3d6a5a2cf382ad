package dev.perfshop.server.pedagogy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers with units as students type them ({@code 250}, {@code 250ms}, {@code 0,25 s}, {@code 2
 * MiB}, {@code 5 %}) and conversions between units of one dimension (time, bytes, percent, rate). A
 * unit outside the table only matches itself.
 */
final class Quantities {

  record Quantity(double value, String unit) {}

  private record Unit(String dimension, double factor) {}

  private static final Pattern NUMBER =
      Pattern.compile(
          "\\s*([-+]?\\d{1,15}(?:[.,]\\d{1,15})?(?:[eE][-+]?\\d{1,3})?)\\s*(\\S{0,16})\\s*");

  private static final Map<String, Unit> UNITS =
      Map.ofEntries(
          Map.entry("ns", new Unit("time", 1e-9)),
          Map.entry("us", new Unit("time", 1e-6)),
          Map.entry("µs", new Unit("time", 1e-6)),
          Map.entry("ms", new Unit("time", 1e-3)),
          Map.entry("s", new Unit("time", 1)),
          Map.entry("sec", new Unit("time", 1)),
          Map.entry("min", new Unit("time", 60)),
          Map.entry("h", new Unit("time", 3600)),
          Map.entry("b", new Unit("bytes", 1)),
          Map.entry("kb", new Unit("bytes", 1e3)),
          Map.entry("mb", new Unit("bytes", 1e6)),
          Map.entry("gb", new Unit("bytes", 1e9)),
          Map.entry("kib", new Unit("bytes", 1024)),
          Map.entry("mib", new Unit("bytes", 1024 * 1024)),
          Map.entry("gib", new Unit("bytes", 1024 * 1024 * 1024)),
          Map.entry("%", new Unit("percent", 1)),
          Map.entry("rps", new Unit("rate", 1)),
          Map.entry("req/s", new Unit("rate", 1)),
          Map.entry("rpm", new Unit("rate", 1.0 / 60)),
          Map.entry("req/min", new Unit("rate", 1.0 / 60)));

  private Quantities() {}

  static Optional<Quantity> parse(String typed) {
    if (typed == null || typed.length() > 64) {
      return Optional.empty();
    }
    Matcher m = NUMBER.matcher(typed);
    if (!m.matches()) {
      return Optional.empty();
    }
    double value = Double.parseDouble(m.group(1).replace(',', '.'));
    if (!Double.isFinite(value)) {
      return Optional.empty();
    }
    return Optional.of(new Quantity(value, m.group(2).toLowerCase(Locale.ROOT)));
  }

  /** The given quantity in {@code unit}; a missing unit means {@code unit} itself. */
  static OptionalDouble convert(Quantity given, String unit) {
    String target = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
    if (given.unit().isEmpty() || given.unit().equals(target)) {
      return OptionalDouble.of(given.value());
    }
    Unit from = UNITS.get(given.unit());
    Unit to = UNITS.get(target);
    if (from == null || to == null || !from.dimension().equals(to.dimension())) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(given.value() * from.factor() / to.factor());
  }
}
