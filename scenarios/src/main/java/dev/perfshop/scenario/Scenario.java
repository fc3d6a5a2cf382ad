package dev.perfshop.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A chaos scenario as written in YAML: a teaching goal, a timeline of steps and the enigmas
 * students solve. The reference of the format is {@code scenario.schema.json} in this module and
 * docs/scenarios.md.
 */
public record Scenario(
    String apiVersion,
    String kind,
    String id,
    String title,
    Level level,
    List<String> families,
    String summary,
    String duration,
    Long seed,
    List<Binding> bindings,
    Traffic traffic,
    Rollback rollback,
    List<Step> steps,
    List<Enigma> enigmas) {

  public static final String API_VERSION = "perfshop.dev/v1";
  public static final String KIND = "Scenario";

  public Scenario {
    families = families == null ? List.of() : List.copyOf(families);
    bindings = bindings == null ? List.of() : List.copyOf(bindings);
    steps = steps == null ? List.of() : List.copyOf(steps);
    enigmas = enigmas == null ? List.of() : List.copyOf(enigmas);
    rollback = rollback == null ? Rollback.HALT_ENABLED : rollback;
  }

  /**
   * A value the runner chooses at start, with the scenario's seed, among {@code pick}: each class
   * gets its own answer. Chaos steps target it with {@code routesFrom} (a route) or enable it with
   * {@code enableFrom} (a chaos type: the anomaly among several); expectations measure it with
   * {@code routeFrom}; {@code bound} answers check against it, and a choice with {@code
   * correctWhen} takes its right options from it.
   */
  public record Binding(String name, List<String> pick) {
    public Binding {
      pick = pick == null ? List.of() : List.copyOf(pick);
    }
  }

  /** Synthetic shoppers: arrivals per second (open model) and the share of each journey. */
  public record Traffic(Double rate, Mix mix) {}

  /** Percentages of browse / search / checkout journeys; they add up to 100. */
  public record Mix(Integer browse, Integer search, Integer checkout) {}

  /**
   * One timeline entry at an offset from the start. Exactly one action is set: {@code chaos},
   * {@code traffic}, {@code enigma}, {@code hint} or {@code expect}.
   */
  public record Step(
      String at,
      ChaosAction chaos,
      Traffic traffic,
      EnigmaAction enigma,
      HintAction hint,
      Expectation expect) {}

  /**
   * Enable a chaos type (with level and optional targeting) or disable one. Container anomalies of
   * the Docker lab ({@code container-kill}, {@code container-pause}, {@code container-restart})
   * target a lab {@code service} instead of routes. {@code enableFrom} and {@code disableFrom} name
   * a binding whose chosen value is the chaos type: each class meets its own anomaly.
   */
  public record ChaosAction(
      String enable,
      String disable,
      Integer level,
      Double probability,
      List<String> routes,
      String routesFrom,
      String ttl,
      String service,
      String enableFrom,
      String disableFrom) {
    public ChaosAction {
      routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** The same action with its bindings replaced by the values chosen for this run. */
    ChaosAction resolve(Map<String, String> values) {
      return new ChaosAction(
          enableFrom != null ? values.get(enableFrom) : enable,
          disableFrom != null ? values.get(disableFrom) : disable,
          level,
          probability,
          routesFrom != null ? List.of(values.get(routesFrom)) : routes,
          null,
          ttl,
          service,
          null,
          null);
    }
  }

  /** Open or close an enigma for students. */
  public record EnigmaAction(String open, String close) {}

  /** Release the next hint of an enigma to everyone (hints students take themselves cost stars). */
  public record HintAction(String enigma) {}

  /**
   * A check that the anomaly is visible: a live statistic of one route ({@code metric} p50, p95,
   * p99, error-rate or throughput over {@code window}), or a PromQL query when a Prometheus URL is
   * configured. It must hold {@code above} or {@code below} a threshold before {@code within}. The
   * route is {@code route}, or the value chosen for the binding {@code routeFrom}.
   */
  public record Expectation(
      String metric,
      String route,
      String promql,
      String window,
      String above,
      String below,
      String within,
      String routeFrom) {

    Expectation resolve(Map<String, String> values) {
      return routeFrom == null
          ? this
          : new Expectation(
              metric, values.get(routeFrom), promql, window, above, below, within, null);
    }
  }

  /**
   * A question students answer from what they observe. A {@code warmup} enigma can be solved while
   * no anomaly of the scenario runs; any other one only while its anomaly is live (see {@link
   * Scenario#anomaliesOf}).
   */
  public record Enigma(
      String id,
      String question,
      Answer answer,
      List<String> hints,
      Integer stars,
      Boolean warmup) {
    public Enigma {
      hints = hints == null ? List.of() : List.copyOf(hints);
    }

    public boolean isWarmup() {
      return Boolean.TRUE.equals(warmup);
    }
  }

  /**
   * The server-side chaos types that must be live for an enigma to be solvable: the group of types
   * enabled at the latest offset at or before the step that opens it, or, when none is enabled yet,
   * the next group enabled after it. Empty for a warm-up enigma, an enigma no step opens, and when
   * the group holds only container anomalies (the server cannot see those).
   */
  public List<String> anomaliesOf(String enigmaId) {
    Enigma enigma = enigmas.stream().filter(e -> e.id().equals(enigmaId)).findFirst().orElse(null);
    if (enigma == null || enigma.isWarmup()) {
      return List.of();
    }
    Duration opened = null;
    for (Step step : steps) {
      if (step.enigma() != null && enigmaId.equals(step.enigma().open())) {
        opened = Durations.parse(step.at()).orElse(Duration.ZERO);
        break;
      }
    }
    if (opened == null) {
      return List.of();
    }
    TreeMap<Duration, List<String>> groups = new TreeMap<>();
    for (Step step : steps) {
      if (step.chaos() != null && enabled(step.chaos()) != null) {
        groups
            .computeIfAbsent(
                Durations.parse(step.at()).orElse(Duration.ZERO), k -> new ArrayList<>())
            .addAll(enabled(step.chaos()));
      }
    }
    var group = groups.floorEntry(opened);
    if (group == null) {
      group = groups.ceilingEntry(opened);
    }
    if (group == null) {
      return List.of();
    }
    return group.getValue().stream().filter(t -> !ChaosTypes.isContainer(t)).distinct().toList();
  }

  /**
   * The types a chaos step may enable: its own, or every value its {@code enableFrom} binding may
   * choose (before the run has chosen); null for a disable step.
   */
  private List<String> enabled(ChaosAction c) {
    if (c.enable() != null) {
      return List.of(c.enable());
    }
    if (c.enableFrom() == null) {
      return null;
    }
    return bindings.stream()
        .filter(b -> b.name().equals(c.enableFrom()))
        .findFirst()
        .map(Binding::pick)
        .orElse(List.of());
  }

  /**
   * This scenario as one run plays it: chaos steps and expectations that name a binding take the
   * value chosen for it ({@code values}, by binding name). Enigmas keep their bindings: the server
   * binds their answers.
   */
  public Scenario resolve(Map<String, String> values) {
    List<Step> resolved =
        steps.stream()
            .map(
                st ->
                    new Step(
                        st.at(),
                        st.chaos() == null ? null : st.chaos().resolve(values),
                        st.traffic(),
                        st.enigma(),
                        st.hint(),
                        st.expect() == null ? null : st.expect().resolve(values)))
            .toList();
    return new Scenario(
        apiVersion,
        kind,
        id,
        title,
        level,
        families,
        summary,
        duration,
        seed,
        bindings,
        traffic,
        rollback,
        resolved,
        enigmas);
  }

  /**
   * How an answer is checked. {@code type} is one of {@code choice}, {@code number}, {@code text},
   * {@code route}, {@code bound} (a value the runner binds at run time, named by {@code binding}),
   * {@code measured} (the server's own measurement of {@code measure} — p50, p95, p99, error-rate
   * or throughput — of {@code route} over the anomaly's window, within {@code tolerance} percent),
   * {@code done} (solved by doing: the server counts the student's own {@code checkouts} that pass
   * the scenario's scripting anomalies, tagged with their agent code; nothing is typed). A {@code
   * choice} with a {@code binding} has no fixed {@code correct}: {@code correctWhen} gives the
   * right options for each value the binding may take.
   */
  public record Answer(
      String type,
      List<String> options,
      List<Integer> correct,
      Double value,
      Double tolerance,
      String unit,
      String pattern,
      String route,
      String binding,
      String measure,
      Integer checkouts,
      Map<String, List<Integer>> correctWhen) {
    public Answer {
      options = options == null ? List.of() : List.copyOf(options);
      correct = correct == null ? List.of() : List.copyOf(correct);
      correctWhen = correctWhen == null ? Map.of() : Map.copyOf(correctWhen);
    }
  }

  /**
   * What the runner does on abort or failure: halt what it enabled (default), halt all, or none.
   */
  public enum Rollback {
    @com.fasterxml.jackson.annotation.JsonProperty("halt-enabled")
    HALT_ENABLED,
    @com.fasterxml.jackson.annotation.JsonProperty("halt-all")
    HALT_ALL,
    @com.fasterxml.jackson.annotation.JsonProperty("none")
    NONE
  }
}
