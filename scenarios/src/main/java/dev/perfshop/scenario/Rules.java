package dev.perfshop.scenario;

import dev.perfshop.scenario.ScenarioValidator.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the parts of the validator share: the violations found and how they add to them. */
abstract class Rules {

  final List<Violation> violations;

  Rules(List<Violation> violations) {
    this.violations = violations;
  }

  final Optional<Duration> duration(String at, String text, boolean required) {
    if (text == null) {
      require(at, !required, "a duration is required here (e.g. 30s, 2m, 1h)");
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text);
    require(at, d.isPresent(), "'" + text + "' is not a duration (e.g. 200ms, 30s, 2m, 1h30m)");
    return d;
  }

  final void require(String pointer, boolean ok, String message) {
    if (!ok) {
      violations.add(new Violation(pointer, message));
    }
  }

  static int count(Object... values) {
    int n = 0;
    for (Object v : values) {
      if (v != null) n++;
    }
    return n;
  }
}
