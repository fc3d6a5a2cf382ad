package dev.perfshop.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
   * gets its own answer. Chaos steps target it with {@code routesFrom}; {@code bound} answers check
   * against it.
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
   * target a lab {@code service} instead of routes.
   */
  public record ChaosAction(
      String enable,
      String disable,
      Integer level,
      Double probability,
      List<String> routes,
      String routesFrom,
      String ttl,
      String service) {
    public ChaosAction {
      routes = routes == null ? List.of() : List.copyOf(routes);
    }
  }

  /** Open or close an enigma for students. */
  public record EnigmaAction(String open, String close) {}

  /** Release the next hint of an enigma to everyone (hints students take themselves cost stars). */
  public record HintAction(String enigma) {}

  /**
   * A check that the anomaly is visible: a live statistic of one route ({@code metric} p50, p95,
   * p99, error-rate or throughput over {@code window}), or a PromQL query when a Prometheus URL is
   * configured. It must hold {@code above} or {@code below} a threshold before {@code within}.
   */
  public record Expectation(
      String metric,
      String route,
      String promql,
      String window,
      String above,
      String below,
      String within) {}

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

    public Enigma(String id, String question, Answer answer, List<String> hints, Integer stars) {
      this(id, question, answer, hints, stars, null);
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
      if (step.chaos() != null && step.chaos().enable() != null) {
        groups
            .computeIfAbsent(
                Durations.parse(step.at()).orElse(Duration.ZERO), k -> new ArrayList<>())
            .add(step.chaos().enable());
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
   * How an answer is checked. {@code type} is one of {@code choice}, {@code number}, {@code text},
   * {@code route}, {@code bound} (a value the runner binds at run time, named by {@code binding}),
   * {@code measured} (the server's own measurement of {@code measure} — p50, p95, p99, error-rate
   * or throughput — of {@code route} over the anomaly's window, within {@code tolerance} percent),
   * {@code done} (solved by doing: the server counts the student's own {@code checkouts} that pass
   * the scenario's scripting anomalies, tagged with their agent code; nothing is typed).
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
      Integer checkouts) {
    public Answer(
        String type,
        List<String> options,
        List<Integer> correct,
        Double value,
        Double tolerance,
        String unit,
        String pattern,
        String route,
        String binding,
        String measure) {
      this(type, options, correct, value, tolerance, unit, pattern, route, binding, measure, null);
    }

    public Answer(
        String type,
        List<String> options,
        List<Integer> correct,
        Double value,
        Double tolerance,
        String unit,
        String pattern,
        String route,
        String binding) {
      this(type, options, correct, value, tolerance, unit, pattern, route, binding, null, null);
    }

    public Answer {
      options = options == null ? List.of() : List.copyOf(options);
      correct = correct == null ? List.of() : List.copyOf(correct);
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
