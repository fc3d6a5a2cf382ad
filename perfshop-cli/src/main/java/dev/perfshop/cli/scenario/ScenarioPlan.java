package dev.perfshop.cli.scenario;

import dev.perfshop.scenario.Durations;
import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A scenario made ready to run: offsets parsed, bindings chosen with the seed, and every offset,
 * TTL and expectation deadline divided by the time scale.
 */
public record ScenarioPlan(
    Scenario scenario,
    long seed,
    double timeScale,
    Map<String, String> bindings,
    Duration duration,
    List<Planned> steps) {

  /** Shortest TTL sent to the server, whatever the time scale. */
  static final Duration MIN_TTL = Duration.ofSeconds(5);

  /** A step and its (scaled) offset from the start. */
  public record Planned(int index, Duration at, Scenario.Step step) {}

  public static ScenarioPlan of(Scenario scenario, Long seedOverride, double timeScale) {
    if (!(timeScale >= 1) || timeScale > 3600) {
      throw new IllegalArgumentException("time scale must be between 1 and 3600");
    }
    long seed =
        seedOverride != null ? seedOverride : scenario.seed() != null ? scenario.seed() : 0L;
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, String> bindings = new LinkedHashMap<>();
    for (Scenario.Binding b : scenario.bindings()) {
      bindings.put(b.name(), b.pick().get(random.nextInt(b.pick().size())));
    }
    // the run plays its own anomaly, targets and expectations; enigmas keep their bindings
    Scenario run = scenario.resolve(bindings);
    List<Planned> steps = new ArrayList<>();
    for (int i = 0; i < run.steps().size(); i++) {
      Scenario.Step s = run.steps().get(i);
      steps.add(new Planned(i, scale(Durations.parse(s.at()).orElseThrow(), timeScale), s));
    }
    Duration duration = scale(Durations.parse(scenario.duration()).orElseThrow(), timeScale);
    return new ScenarioPlan(
        run, seed, timeScale, Map.copyOf(bindings), duration, List.copyOf(steps));
  }

  /** The TTL sent with a chaos step: its own (scaled), or what is left of the run plus a margin. */
  Duration ttl(Planned p) {
    Duration ttl =
        p.step().chaos().ttl() != null
            ? scale(Durations.parse(p.step().chaos().ttl()).orElseThrow(), timeScale)
            : duration.minus(p.at()).plus(scale(Duration.ofMinutes(1), timeScale));
    return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl;
  }

  /**
   * The TTL of a container anomaly step (scaled), after which the runner heals it; empty without
   * one (it stays until a disable step or the rollback). No minimum: nothing is sent to a server.
   */
  Optional<Duration> containerTtl(Planned p) {
    return Optional.ofNullable(p.step().chaos().ttl()).map(this::scaled);
  }

  /** Target routes of a chaos step (a binding's chosen route is resolved already). */
  List<String> routes(Scenario.Step step) {
    return step.chaos().routes();
  }

  Duration scaled(String text) {
    return scale(Durations.parse(text).orElseThrow(), timeScale);
  }

  static Duration scale(Duration d, double timeScale) {
    return Duration.ofNanos((long) (d.toNanos() / timeScale));
  }

  /** One line per step, for {@code --dry-run} and progress. */
  public static String describe(Scenario.Step s, ScenarioPlan plan) {
    if (s.chaos() != null && s.chaos().enable() != null && s.chaos().service() != null) {
      var c = s.chaos();
      return "enable " + c.enable() + " level " + c.level() + " on service " + c.service();
    }
    if (s.chaos() != null && s.chaos().enable() != null) {
      var c = s.chaos();
      List<String> routes = plan.routes(s);
      return "enable "
          + c.enable()
          + " level "
          + c.level()
          + (c.probability() != null ? " probability " + c.probability() : "")
          + (routes.isEmpty() ? "" : " on " + String.join(", ", routes));
    }
    if (s.chaos() != null) {
      return "disable "
          + s.chaos().disable()
          + (s.chaos().service() != null ? " on service " + s.chaos().service() : "");
    }
    if (s.traffic() != null) {
      return "traffic " + s.traffic().rate() + "/s";
    }
    if (s.enigma() != null) {
      return s.enigma().open() != null
          ? "open enigma " + s.enigma().open()
          : "close enigma " + s.enigma().close();
    }
    if (s.hint() != null) {
      return "release a hint of " + s.hint().enigma();
    }
    var e = s.expect();
    String what = e.promql() != null ? "promql " + e.promql() : e.metric() + " of " + e.route();
    return "expect "
        + what
        + (e.above() != null ? " above " + e.above() : " below " + e.below())
        + " within "
        + e.within();
  }
}
