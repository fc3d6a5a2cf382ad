package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.scenario.Durations;
import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioLibrary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The instructor's side of a solver test: what {@code perfshop scenario run} does for one class
 * session (perfshop-cli's ScenarioRunner, ScenarioPlan and HttpLab), on a compressed clock. It
 * opens a session, registers the scenario's enigmas with their anomalies exactly as the runner's
 * lab does, binds the seed's picks, and plays the chaos steps up to a scenario time at once.
 * Traffic comes from {@link Shoppers} with the scenario's mix.
 */
final class ScenarioClass {

  private final Api api;
  private final Scenario scenario;
  private final long seed;
  private final Map<String, String> bindings;
  // the steps as this seed's run plays them (the anomaly drawn, the routes chosen)
  private final Scenario run;
  private Map<String, Object> session;
  private int played;
  private long activatedNanos;

  ScenarioClass(Api api, Scenario scenario, long seed) {
    this.api = api;
    this.scenario = scenario;
    this.seed = seed;
    this.bindings = bindings(scenario, seed);
    this.run = scenario.resolve(bindings);
  }

  static Scenario shipped(String id) {
    return ScenarioLibrary.shipped().stream()
        .map(ScenarioLibrary.Entry::scenario)
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no shipped scenario " + id));
  }

  /** The runner's picks (ScenarioPlan.of): one SplittableRandom of the seed over the bindings. */
  static Map<String, String> bindings(Scenario s, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, String> picks = new LinkedHashMap<>();
    for (Scenario.Binding b : s.bindings()) {
      picks.put(b.name(), b.pick().get(random.nextInt(b.pick().size())));
    }
    return picks;
  }

  /** The scenario's own seed. */
  static long seedOf(Scenario s) {
    return s.seed() == null ? 0 : s.seed();
  }

  /** A seed (another class) whose pick of {@code binding} differs from {@code seed}'s. */
  static long otherSeed(Scenario s, long seed, String binding) {
    String mine = bindings(s, seed).get(binding);
    for (long other = seed + 1; ; other++) {
      if (!bindings(s, other).get(binding).equals(mine)) {
        return other;
      }
    }
  }

  Scenario scenario() {
    return scenario;
  }

  long seed() {
    return seed;
  }

  String binding(String name) {
    return bindings.get(name);
  }

  String joinCode() {
    return String.valueOf(session.get("joinCode"));
  }

  /**
   * Opens the class session and registers every enigma the scenario's steps open, with the body and
   * the bindings the runner's lab sends (HttpLab.openEnigma).
   */
  ScenarioClass open() {
    session = api.openSession(scenario.id() + " seed " + seed, scenario.level().toString());
    for (Scenario.Step step : scenario.steps()) {
      if (step.enigma() == null || step.enigma().open() == null) {
        continue;
      }
      Scenario.Enigma e =
          scenario.enigmas().stream()
              .filter(x -> x.id().equals(step.enigma().open()))
              .findFirst()
              .orElseThrow();
      Map<String, Object> body = new HashMap<>();
      body.put("scenarioId", scenario.id());
      body.put("id", e.id());
      body.put("question", e.question());
      body.put("answer", AnswerSpec.from(e.answer()));
      body.put("hints", e.hints());
      if (e.stars() != null) {
        body.put("stars", e.stars());
      }
      body.put("open", true);
      body.put("anomalies", run.anomaliesOf(e.id()));
      assertThat(api.register(session.get("id"), body).getStatusCode().value())
          .as("register %s", e.id())
          .isEqualTo(201);
      String binding = e.answer().binding();
      if (binding != null) {
        assertThat(
                api.admin(
                        "POST",
                        "/api/admin/sessions/" + session.get("id") + "/bindings",
                        Map.of(
                            "scenarioId", scenario.id(),
                            "name", binding,
                            "value", bindings.get(binding)))
                    .getStatusCode()
                    .is2xxSuccessful())
            .isTrue();
      }
    }
    return this;
  }

  /**
   * Plays the chaos steps at or before {@code until} (a scenario offset such as {@code 2m}) that
   * were not played yet, in order, at once: the compressed clock. TTLs are kept unscaled (the test
   * halts the chaos when it ends).
   */
  ScenarioClass playUntil(String until) {
    Duration limit = Durations.parse(until).orElseThrow();
    List<Scenario.Step> steps = run.steps();
    for (; played < steps.size(); played++) {
      Scenario.Step step = steps.get(played);
      if (Durations.parse(step.at()).orElseThrow().compareTo(limit) > 0) {
        break;
      }
      Scenario.ChaosAction c = step.chaos();
      if (c == null || c.service() != null) {
        continue;
      }
      if (c.enable() != null) {
        Map<String, Object> body = new HashMap<>();
        body.put("level", c.level());
        body.put("ttl", c.ttl() == null ? "15m" : c.ttl());
        body.put("scenarioId", scenario.id());
        if (c.probability() != null) {
          body.put("probability", c.probability());
        }
        List<String> routes = c.routes();
        if (!routes.isEmpty()) {
          body.put("routes", routes.stream().map(ScenarioClass::path).toList());
        }
        activatedNanos = System.nanoTime();
        var res = api.admin("PUT", "/api/admin/chaos/" + c.enable(), body);
        assertThat(res.getStatusCode().is2xxSuccessful())
            .as("enable %s: %s", c.enable(), res.getBody())
            .isTrue();
      } else {
        api.admin("DELETE", "/api/admin/chaos/" + c.disable(), null);
      }
    }
    return this;
  }

  /**
   * The statistics window "since the symptom started", as a student reads it: the seconds since the
   * latest chaos step played (at least 30 s, at most 300 s, what the server keeps).
   */
  int window() {
    long seconds = (System.nanoTime() - activatedNanos) / 1_000_000_000L + 1;
    return (int) Math.max(30, Math.min(300, seconds));
  }

  /**
   * Waits until the anomaly has run a full minimal window (30 s): a measured answer read earlier
   * grows between the reading and the server's check while the window still fills.
   */
  void awaitFullWindow() {
    long wait = activatedNanos + 31_000_000_000L - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code GET /api/products/{id}} → {@code /api/products/{id}} (HttpLab.path). */
  static String path(String route) {
    int space = route.indexOf(' ');
    return space < 0 ? route : route.substring(space + 1);
  }

  /** The scenario's traffic, {@code factor} times its rate (a compressed clock needs samples). */
  Shoppers traffic(String base, double factor) {
    Scenario.Mix m = scenario.traffic().mix();
    return new Shoppers(
        base,
        scenario.traffic().rate() * factor,
        m.browse() == null ? 0 : m.browse(),
        m.search() == null ? 0 : m.search(),
        m.checkout() == null ? 0 : m.checkout(),
        seed);
  }

  /** Ends the class: chaos halted (the runner's rollback). */
  void halt() {
    api.admin("POST", "/api/admin/chaos/halt", null);
  }

  static List<String> openedEnigmas(Scenario s) {
    List<String> ids = new ArrayList<>();
    for (Scenario.Step step : s.steps()) {
      if (step.enigma() != null && step.enigma().open() != null) {
        ids.add(step.enigma().open());
      }
    }
    return ids;
  }
}
