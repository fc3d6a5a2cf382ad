package dev.perfshop.scenario;

import static dev.perfshop.scenario.ScenarioValidator.ANSWER_TYPES;
import static dev.perfshop.scenario.ScenarioValidator.ID;
import static dev.perfshop.scenario.ScenarioValidator.MAX_CHECKOUTS;
import static dev.perfshop.scenario.ScenarioValidator.METRICS;
import static dev.perfshop.scenario.ScenarioValidator.ROUTE;
import static dev.perfshop.scenario.ScenarioValidator.notBlank;
import static dev.perfshop.scenario.ScenarioValidator.sorted;

import dev.perfshop.scenario.Scenario.Answer;
import dev.perfshop.scenario.ScenarioValidator.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The rules of one enigma's answer, by answer type (part of {@link ScenarioValidator}). */
final class AnswerRules extends Rules {
  private final Map<String, List<String>> bindings;

  AnswerRules(List<Violation> violations, Map<String, List<String>> bindings) {
    super(violations);
    this.bindings = bindings;
  }

  void check(String at, Answer a) {
    require(
        at + "/correctWhen",
        a.correctWhen().isEmpty() || "choice".equals(a.type()),
        "correctWhen applies to choice answers only");
    if (a.type() == null || !ANSWER_TYPES.contains(a.type())) {
      violations.add(
          new Violation(at + "/type", "answer type must be one of " + sorted(ANSWER_TYPES)));
      return;
    }
    switch (a.type()) {
      case "choice" -> {
        require(at + "/options", a.options().size() >= 2, "a choice needs at least two options");
        if (a.binding() != null || !a.correctWhen().isEmpty()) {
          boundChoice(at, a);
          return;
        }
        require(
            at + "/correct",
            !a.correct().isEmpty(),
            "correct must list the index of each right option");
        indexes(at + "/correct", a.correct(), a.options().size());
      }
      case "number" -> {
        require(at + "/value", a.value() != null, "a number answer needs a value");
        require(
            at + "/tolerance",
            a.tolerance() == null || a.tolerance() >= 0,
            "tolerance must be >= 0");
      }
      case "text" -> {
        require(
            at + "/pattern",
            notBlank(a.pattern()) && a.pattern().length() <= 200,
            "a text answer needs a pattern (a regular expression, at most 200 characters)");
        if (notBlank(a.pattern())) {
          try {
            Pattern.compile(a.pattern());
          } catch (PatternSyntaxException ex) {
            violations.add(
                new Violation(
                    at + "/pattern",
                    "pattern is not a valid regular expression: " + ex.getDescription()));
          }
        }
      }
      case "measured" -> {
        require(
            at + "/measure",
            a.measure() != null && METRICS.contains(a.measure()),
            "a measured answer names its statistic: measure is one of " + sorted(METRICS));
        require(
            at + "/route",
            (a.route() == null) != (a.binding() == null),
            "a measured answer names the route measured (route) or the binding that picks it"
                + " (binding), one of the two");
        require(
            at + "/route",
            a.route() == null || ROUTE.matcher(a.route()).matches(),
            "route must look like 'GET /api/products/{id}'");
        require(
            at + "/binding",
            a.binding() == null || bindings.containsKey(a.binding()),
            "no binding named '" + a.binding() + "'");
        require(
            at + "/tolerance",
            a.tolerance() != null && a.tolerance() > 0 && a.tolerance() <= 100,
            "a measured answer needs tolerance: a percentage of the measured value (1 to 100)");
        require(
            at + "/value",
            a.value() == null,
            "a measured answer has no value: the server measures it");
      }
      case "done" -> {
        require(
            at + "/checkouts",
            a.checkouts() != null && a.checkouts() >= 1 && a.checkouts() <= MAX_CHECKOUTS,
            "a done answer needs checkouts: how many checkouts the student's script must complete"
                + " (1 to "
                + MAX_CHECKOUTS
                + ")");
        require(
            at,
            a.value() == null
                && a.route() == null
                && a.binding() == null
                && a.pattern() == null
                && a.measure() == null
                && a.options().isEmpty(),
            "a done answer takes only checkouts: the server counts them, nothing is typed");
      }
      case "route" ->
          require(
              at + "/route",
              a.route() != null && ROUTE.matcher(a.route()).matches(),
              "route must look like 'GET /api/products/{id}'");
      default -> {
        require(
            at + "/binding",
            a.binding() != null && ID.matcher(a.binding()).matches(),
            "a bound answer names its binding (e.g. target-route)");
        require(
            at + "/binding",
            a.binding() == null || bindings.containsKey(a.binding()),
            "no binding named '" + a.binding() + "'");
      }
    }
  }

  /**
   * A choice whose right options depend on the run: {@code correctWhen} gives them for every value
   * its binding may take, and no fixed {@code correct} list.
   */
  private void boundChoice(String at, Answer a) {
    List<String> pick = a.binding() == null ? null : bindings.get(a.binding());
    require(
        at + "/binding",
        pick != null,
        a.binding() == null
            ? "correctWhen needs binding: the binding whose value picks the right options"
            : "no binding named '" + a.binding() + "'");
    require(
        at + "/correct",
        a.correct().isEmpty(),
        "a choice bound to a binding takes its right options from correctWhen, not correct");
    if (pick == null) {
      return;
    }
    require(
        at + "/correctWhen",
        a.correctWhen().keySet().equals(new HashSet<>(pick)),
        "correctWhen must give the right options for each value of binding '"
            + a.binding()
            + "': "
            + String.join(", ", pick));
    a.correctWhen()
        .forEach(
            (value, correct) -> {
              require(
                  at + "/correctWhen/" + value,
                  correct != null && !correct.isEmpty(),
                  "list the index of each right option when the binding is '" + value + "'");
              if (correct != null) {
                indexes(at + "/correctWhen/" + value, correct, a.options().size());
              }
            });
  }

  private void indexes(String at, List<Integer> correct, int options) {
    for (int i = 0; i < correct.size(); i++) {
      Integer c = correct.get(i);
      require(at + "/" + i, c != null && c >= 0 && c < options, "no option with index " + c);
    }
  }
}
