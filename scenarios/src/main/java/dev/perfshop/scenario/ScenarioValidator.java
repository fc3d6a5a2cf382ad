package dev.perfshop.scenario;

import dev.perfshop.scenario.Scenario.Enigma;
import dev.perfshop.scenario.Scenario.Expectation;
import dev.perfshop.scenario.Scenario.Step;
import dev.perfshop.scenario.Scenario.Traffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the YAML structure alone cannot: ranges, references, the order of the timeline and
 * the chaos catalogue. Every error names the JSON pointer of the offending node, which the parser
 * turns into a line and column.
 */
public final class ScenarioValidator extends Rules {

  /** One problem in a scenario, at a JSON pointer such as {@code /steps/2/at}. */
  public record Violation(String pointer, String message) {}

  public static final Set<String> FAMILIES =
      Set.of("performance", "functional", "business", "security", "scripting", "infrastructure");
  public static final Set<String> METRICS = Set.of("p50", "p95", "p99", "error-rate", "throughput");
  public static final Set<String> ANSWER_TYPES =
      Set.of("choice", "number", "text", "route", "bound", "measured", "done");

  /**
   * The scripting anomalies that check a token (or id) on a checkout: a {@code done} enigma counts
   * the checkouts that passed at least one of them, so its scenario must enable one.
   */
  public static final Set<String> CHECKOUT_TOKENS =
      Set.of(
          "csrf-token",
          "session-token",
          "step-token",
          "action-token",
          "body-signature",
          "request-id");

  /** The most checkouts a {@code done} enigma may ask for. */
  public static final int MAX_CHECKOUTS = 100;

  public static final Duration MAX_DURATION = Duration.ofHours(4);
  public static final Duration MAX_TTL = Duration.ofHours(2);

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|DELETE|PATCH) /[A-Za-z0-9/{}*._-]*");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?%?");

  private ScenarioValidator() {
    super(new ArrayList<>());
  }

  public static List<Violation> validate(Scenario s) {
    ScenarioValidator v = new ScenarioValidator();
    v.check(s);
    return List.copyOf(v.violations);
  }

  private void check(Scenario s) {
    require(
        "/apiVersion",
        Scenario.API_VERSION.equals(s.apiVersion()),
        "apiVersion must be " + Scenario.API_VERSION);
    require("/kind", Scenario.KIND.equals(s.kind()), "kind must be " + Scenario.KIND);
    require("/id", s.id() != null && ID.matcher(s.id()).matches(), "id must match " + ID.pattern());
    require("/title", notBlank(s.title()), "title is required");
    require("/level", s.level() != null, "level is required (BAC1 to BAC5)");
    require("/summary", notBlank(s.summary()), "summary (the teaching goal) is required");
    require("/families", !s.families().isEmpty(), "families must name at least one family");
    for (int i = 0; i < s.families().size(); i++) {
      String f = s.families().get(i);
      require(
          "/families/" + i,
          f != null && FAMILIES.contains(f),
          "unknown family '" + f + "', expected one of " + sorted(FAMILIES));
    }
    Duration duration = duration("/duration", s.duration(), true).orElse(MAX_DURATION);
    require(
        "/duration",
        duration.compareTo(MAX_DURATION) <= 0 && !duration.isZero(),
        "duration must be between 1s and 4h");
    if (s.traffic() != null) {
      traffic("/traffic", s.traffic());
    }
    Map<String, List<String>> bindings = bindings(s);
    Map<String, Enigma> enigmas = enigmas(s.enigmas(), bindings);
    require("/steps", !s.steps().isEmpty(), "steps must contain at least one step");
    Duration previous = Duration.ZERO;
    for (int i = 0; i < s.steps().size(); i++) {
      String at = "/steps/" + i;
      Step step = s.steps().get(i);
      Optional<Duration> offset = duration(at + "/at", step.at(), true);
      if (offset.isPresent()) {
        require(
            at + "/at",
            offset.get().compareTo(previous) >= 0,
            "offsets must not go back in time (previous step is at "
                + Durations.format(previous)
                + ")");
        require(
            at + "/at",
            offset.get().compareTo(duration) <= 0,
            "offset is after the end of the scenario (" + Durations.format(duration) + ")");
        previous = offset.get().compareTo(previous) >= 0 ? offset.get() : previous;
      }
      step(at, step, s, enigmas, bindings);
    }
    opened(s);
  }

  /**
   * Every enigma is opened by a step (else students never see it), and one that is not a warm-up
   * needs an anomaly of the scenario to observe.
   */
  private void opened(Scenario s) {
    Set<String> opened = new HashSet<>();
    boolean chaos = false;
    for (Step step : s.steps()) {
      if (step.enigma() != null && step.enigma().open() != null) {
        opened.add(step.enigma().open());
      }
      chaos |=
          step.chaos() != null
              && (step.chaos().enable() != null || step.chaos().enableFrom() != null);
    }
    for (int i = 0; i < s.enigmas().size(); i++) {
      Enigma e = s.enigmas().get(i);
      if (e.id() == null) {
        continue;
      }
      require(
          "/enigmas/" + i + "/id",
          opened.contains(e.id()),
          "no step opens enigma '"
              + e.id()
              + "': students would never see it (add a step `enigma: {open: "
              + e.id()
              + "}`)");
      require(
          "/enigmas/" + i + "/id",
          chaos || e.isWarmup(),
          "enigma '"
              + e.id()
              + "' can only be solved while an anomaly of the scenario runs, and no step enables"
              + " one: enable a chaos type or mark it `warmup: true`");
      if (e.answer() != null && "done".equals(e.answer().type())) {
        require(
            "/enigmas/" + i + "/answer",
            !e.isWarmup() && s.anomaliesOf(e.id()).stream().anyMatch(CHECKOUT_TOKENS::contains),
            "a done enigma counts checkouts through a token check: the anomalies live when it"
                + " opens must include one of "
                + sorted(CHECKOUT_TOKENS)
                + " (and it cannot be a warm-up)");
      }
    }
  }

  /**
   * A comma inside a YAML flow sequence ({@code [Look at the floor, not the peaks.]}) splits one
   * sentence into two items: the second starts in lower case after a first that does not end a
   * sentence.
   */
  static boolean looksSplit(String previous, String item) {
    if (previous == null || item == null || previous.isBlank() || item.isBlank()) {
      return false;
    }
    String p = previous.strip();
    String n = item.strip();
    char last = p.charAt(p.length() - 1);
    boolean ended = ".?!:;)\"'`".indexOf(last) >= 0;
    return !ended && Character.isLowerCase(n.charAt(0)) && n.contains(" ");
  }

  private void step(
      String at,
      Step step,
      Scenario s,
      Map<String, Enigma> enigmas,
      Map<String, List<String>> bindings) {
    int actions = count(step.chaos(), step.traffic(), step.enigma(), step.hint(), step.expect());
    if (actions != 1) {
      violations.add(
          new Violation(
              at,
              "a step has exactly one of chaos, traffic, enigma, hint, expect (found "
                  + actions
                  + ")"));
      return;
    }
    if (step.chaos() != null) {
      new ChaosStepRules(violations, s, bindings).check(at + "/chaos", step.chaos());
    } else if (step.traffic() != null) {
      traffic(at + "/traffic", step.traffic());
    } else if (step.enigma() != null) {
      var e = step.enigma();
      if (count(e.open(), e.close()) != 1) {
        violations.add(new Violation(at + "/enigma", "enigma step has exactly one of open, close"));
      } else {
        String ref = e.open() != null ? e.open() : e.close();
        String key = e.open() != null ? "/open" : "/close";
        require(
            at + "/enigma" + key,
            enigmas.containsKey(ref),
            "no enigma with id '" + ref + "' in enigmas");
      }
    } else if (step.hint() != null) {
      String ref = step.hint().enigma();
      Enigma e = enigmas.get(ref);
      require(at + "/hint/enigma", e != null, "no enigma with id '" + ref + "' in enigmas");
      require(
          at + "/hint/enigma",
          e == null || !e.hints().isEmpty(),
          "enigma '" + ref + "' has no hints to release");
    } else {
      expectation(at + "/expect", step.expect(), bindings);
    }
  }

  private void traffic(String at, Traffic t) {
    require(
        at + "/rate",
        t.rate() != null && t.rate() > 0 && t.rate() <= 500,
        "rate (arrivals per second) must be between 0 and 500");
    if (t.mix() != null) {
      var m = t.mix();
      int browse = m.browse() == null ? 0 : m.browse();
      int search = m.search() == null ? 0 : m.search();
      int checkout = m.checkout() == null ? 0 : m.checkout();
      require(
          at + "/mix",
          browse >= 0 && search >= 0 && checkout >= 0 && browse + search + checkout == 100,
          "mix percentages must be >= 0 and add up to 100");
    }
  }

  private void expectation(String at, Expectation e, Map<String, List<String>> bindings) {
    boolean live = e.metric() != null || e.route() != null || e.routeFrom() != null;
    if (live == (e.promql() != null)) {
      violations.add(
          new Violation(at, "expect has either metric and route (live statistics) or promql"));
      return;
    }
    if (live) {
      require(
          at + "/metric",
          e.metric() != null && METRICS.contains(e.metric()),
          "metric must be one of " + sorted(METRICS));
      if (e.routeFrom() != null) {
        require(at, e.route() == null, "use route or routeFrom, not both");
        require(
            at + "/routeFrom",
            bindings.containsKey(e.routeFrom()),
            "no binding named '" + e.routeFrom() + "'");
      } else {
        require(
            at + "/route",
            e.route() != null && ROUTE.matcher(e.route()).matches(),
            "route must look like 'GET /api/products'");
      }
      if (e.window() != null) {
        duration(at + "/window", e.window(), true);
      }
    } else {
      require(at + "/promql", notBlank(e.promql()), "promql must not be empty");
    }
    if (count(e.above(), e.below()) != 1) {
      violations.add(new Violation(at, "expect has exactly one of above, below"));
    } else {
      String key = e.above() != null ? "/above" : "/below";
      String threshold = e.above() != null ? e.above() : e.below();
      boolean latency = e.metric() != null && e.metric().startsWith("p");
      if (latency) {
        require(
            at + key,
            Durations.parse(threshold).isPresent(),
            "a latency threshold is a duration such as 200ms");
      } else {
        require(
            at + key,
            NUMBER.matcher(threshold).matches(),
            "threshold must be a number (or a percentage such as 5%)");
      }
    }
    require(
        at + "/within",
        e.within() != null,
        "within (the deadline for the expectation) is required");
    if (e.within() != null) {
      duration(at + "/within", e.within(), true);
    }
  }

  private Map<String, List<String>> bindings(Scenario s) {
    Map<String, List<String>> names = new HashMap<>();
    for (int i = 0; i < s.bindings().size(); i++) {
      String at = "/bindings/" + i;
      var b = s.bindings().get(i);
      if (b.name() == null || !ID.matcher(b.name()).matches()) {
        violations.add(new Violation(at + "/name", "binding name must match " + ID.pattern()));
      } else if (names.putIfAbsent(b.name(), b.pick()) != null) {
        violations.add(new Violation(at + "/name", "duplicate binding '" + b.name() + "'"));
      }
      require(at + "/pick", b.pick().size() >= 2, "pick lists at least two values to choose from");
    }
    return names;
  }

  private Map<String, Enigma> enigmas(List<Enigma> list, Map<String, List<String>> bindings) {
    AnswerRules answers = new AnswerRules(violations, bindings);
    Map<String, Enigma> byId = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "/enigmas/" + i;
      Enigma e = list.get(i);
      if (e.id() == null || !ID.matcher(e.id()).matches()) {
        violations.add(new Violation(at + "/id", "enigma id must match " + ID.pattern()));
      } else if (!seen.add(e.id())) {
        violations.add(new Violation(at + "/id", "duplicate enigma id '" + e.id() + "'"));
      } else {
        byId.put(e.id(), e);
      }
      require(at + "/question", notBlank(e.question()), "question is required");
      require(
          at + "/stars",
          e.stars() == null || (e.stars() >= 1 && e.stars() <= 3),
          "stars must be between 1 and 3");
      require(at + "/hints", e.hints().size() <= 5, "at most 5 hints");
      for (int h = 1; h < e.hints().size(); h++) {
        require(
            at + "/hints/" + h,
            !looksSplit(e.hints().get(h - 1), e.hints().get(h)),
            "this hint looks like the rest of the previous one: a comma inside [ ] splits a"
                + " sentence into two hints; quote the hint or write the list one item per line");
      }
      if (e.answer() == null) {
        violations.add(new Violation(at, "answer is required"));
      } else {
        answers.check(at + "/answer", e.answer());
      }
    }
    return byId;
  }

  static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  static String sorted(Set<String> set) {
    return String.join(", ", set.stream().sorted().toList());
  }
}
