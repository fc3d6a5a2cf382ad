package dev.perfshop.scenario;

import dev.perfshop.scenario.Scenario.Answer;
import dev.perfshop.scenario.Scenario.ChaosAction;
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
import java.util.regex.PatternSyntaxException;

/**
 * Checks what the YAML structure alone cannot: ranges, references, the order of the timeline and
 * the chaos catalogue. Every error names the JSON pointer of the offending node, which the parser
 * turns into a line and column.
 */
public final class ScenarioValidator {

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

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  private static final Pattern ROUTE =
      Pattern.compile("(GET|POST|PUT|DELETE|PATCH) /[A-Za-z0-9/{}*._-]*");
  private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?%?");

  private final List<Violation> violations = new ArrayList<>();

  private ScenarioValidator() {}

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
    Set<String> bindings = bindings(s);
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
      step(at, step, s, enigmas);
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
      chaos |= step.chaos() != null && step.chaos().enable() != null;
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

  private void step(String at, Step step, Scenario s, Map<String, Enigma> enigmas) {
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
      chaos(at + "/chaos", step.chaos(), s);
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
      expectation(at + "/expect", step.expect());
    }
  }

  private void chaos(String at, ChaosAction c, Scenario s) {
    if (count(c.enable(), c.disable()) != 1) {
      violations.add(new Violation(at, "chaos step has exactly one of enable, disable"));
      return;
    }
    String type = c.enable() != null ? c.enable() : c.disable();
    String key = at + (c.enable() != null ? "/enable" : "/disable");
    if (!ChaosTypes.known(type)) {
      violations.add(
          new Violation(key, "unknown chaos type '" + type + "' (see `perfshop chaos list`)"));
      return;
    }
    String family = ChaosTypes.family(type);
    require(
        key,
        s.families().contains(family),
        "chaos type '" + type + "' is in family '" + family + "', which families does not list");
    boolean container = ChaosTypes.isContainer(type);
    if (container) {
      container(at, key, type, c);
    } else {
      require(
          at + "/service",
          c.service() == null,
          "service applies to container anomalies only ("
              + String.join(", ", ChaosTypes.container().keySet())
              + "), not to '"
              + type
              + "'");
    }
    if (c.enable() != null) {
      require(at + "/level", c.level() != null, "level is required to enable chaos (1 to 5)");
      require(
          at + "/level",
          c.level() == null || (c.level() >= 1 && c.level() <= 5),
          "level must be between 1 and 5");
      if (c.ttl() != null) {
        duration(at + "/ttl", c.ttl(), true)
            .ifPresent(
                t ->
                    require(
                        at + "/ttl",
                        !t.isZero() && t.compareTo(MAX_TTL) <= 0,
                        "ttl must be between 1s and 2h"));
      }
      if (container) {
        return; // probability and routes are refused above
      }
      require(
          at + "/probability",
          c.probability() == null || (c.probability() >= 0 && c.probability() <= 1),
          "probability must be between 0 and 1");
      require(
          at + "/routesFrom",
          c.routesFrom() == null
              || s.bindings().stream().anyMatch(b -> c.routesFrom().equals(b.name())),
          "no binding named '" + c.routesFrom() + "'");
      require(
          at, c.routesFrom() == null || c.routes().isEmpty(), "use routes or routesFrom, not both");
      for (int i = 0; i < c.routes().size(); i++) {
        require(
            at + "/routes/" + i,
            ROUTE.matcher(c.routes().get(i)).matches(),
            "route must look like 'GET /api/products/**'");
      }
    } else {
      require(at + "/level", c.level() == null, "disable takes no level");
    }
  }

  /**
   * A container anomaly of the Docker lab acts on a whole service: it names the service and takes
   * no route targeting. {@code container-restart} is over once done: no TTL, nothing to disable.
   */
  private void container(String at, String key, String type, ChaosAction c) {
    if (c.enable() != null) {
      require(
          at + "/service",
          c.service() != null,
          type + " needs service: the lab service to act on (db, server, web, or a compose name)");
    }
    if (c.service() != null) {
      require(
          at + "/service",
          SERVICE.matcher(c.service()).matches(),
          "service must be a lab service or alias (db, server, web) matching " + SERVICE.pattern());
    }
    String why = " does not apply to " + type + ": it acts on a whole service";
    require(at + "/probability", c.probability() == null, "probability" + why);
    require(at + "/routes", c.routes().isEmpty(), "routes" + why);
    require(at + "/routesFrom", c.routesFrom() == null, "routesFrom" + why);
    if (!ChaosTypes.lasting(type)) {
      require(
          at + "/ttl",
          c.ttl() == null,
          "ttl does not apply to " + type + " (it is over once done)");
      require(key, c.disable() == null, type + " is over once done: there is nothing to disable");
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

  private void expectation(String at, Expectation e) {
    boolean live = e.metric() != null || e.route() != null;
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
      require(
          at + "/route",
          e.route() != null && ROUTE.matcher(e.route()).matches(),
          "route must look like 'GET /api/products'");
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

  private Set<String> bindings(Scenario s) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < s.bindings().size(); i++) {
      String at = "/bindings/" + i;
      var b = s.bindings().get(i);
      if (b.name() == null || !ID.matcher(b.name()).matches()) {
        violations.add(new Violation(at + "/name", "binding name must match " + ID.pattern()));
      } else if (!names.add(b.name())) {
        violations.add(new Violation(at + "/name", "duplicate binding '" + b.name() + "'"));
      }
      require(at + "/pick", b.pick().size() >= 2, "pick lists at least two values to choose from");
    }
    return names;
  }

  private Map<String, Enigma> enigmas(List<Enigma> list, Set<String> bindings) {
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
        answer(at + "/answer", e.answer(), bindings);
      }
    }
    return byId;
  }

  private void answer(String at, Answer a, Set<String> bindings) {
    if (a.type() == null || !ANSWER_TYPES.contains(a.type())) {
      violations.add(
          new Violation(at + "/type", "answer type must be one of " + sorted(ANSWER_TYPES)));
      return;
    }
    switch (a.type()) {
      case "choice" -> {
        require(at + "/options", a.options().size() >= 2, "a choice needs at least two options");
        require(
            at + "/correct",
            !a.correct().isEmpty(),
            "correct must list the index of each right option");
        for (int i = 0; i < a.correct().size(); i++) {
          int c = a.correct().get(i);
          require(
              at + "/correct/" + i, c >= 0 && c < a.options().size(), "no option with index " + c);
        }
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
            a.binding() == null || bindings.contains(a.binding()),
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
            a.binding() == null || bindings.contains(a.binding()),
            "no binding named '" + a.binding() + "'");
      }
    }
  }

  private Optional<Duration> duration(String at, String text, boolean required) {
    if (text == null) {
      require(at, !required, "a duration is required here (e.g. 30s, 2m, 1h)");
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text);
    require(at, d.isPresent(), "'" + text + "' is not a duration (e.g. 200ms, 30s, 2m, 1h30m)");
    return d;
  }

  private void require(String pointer, boolean ok, String message) {
    if (!ok) {
      violations.add(new Violation(pointer, message));
    }
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static int count(Object... values) {
    int n = 0;
    for (Object v : values) {
      if (v != null) n++;
    }
    return n;
  }

  private static String sorted(Set<String> set) {
    return String.join(", ", set.stream().sorted().toList());
  }
}
