package dev.perfshop.scenario;

import static dev.perfshop.scenario.ScenarioValidator.MAX_TTL;
import static dev.perfshop.scenario.ScenarioValidator.ROUTE;

import dev.perfshop.scenario.Scenario.ChaosAction;
import dev.perfshop.scenario.ScenarioValidator.Violation;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules of a chaos step: the catalogue, targets, levels, expiry (part of the validator). */
final class ChaosStepRules extends Rules {

  private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private final Scenario s;
  private final Map<String, List<String>> bindings;

  ChaosStepRules(List<Violation> violations, Scenario s, Map<String, List<String>> bindings) {
    super(violations);
    this.s = s;
    this.bindings = bindings;
  }

  void check(String at, ChaosAction c) {
    if (count(c.enable(), c.disable(), c.enableFrom(), c.disableFrom()) != 1) {
      violations.add(
          new Violation(
              at, "chaos step has exactly one of enable, enableFrom, disable, disableFrom"));
      return;
    }
    if (c.enableFrom() != null || c.disableFrom() != null) {
      chosen(at, c);
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
    settings(at, c, c.enable() != null, container);
  }

  /**
   * A step whose chaos type is the value chosen for a binding: every value the binding may take is
   * a server chaos type of a listed family, or every one is a lasting container anomaly of a listed
   * family (acting on the step's service, as a container step does).
   */
  private void chosen(String at, ChaosAction c) {
    boolean enable = c.enableFrom() != null;
    String name = enable ? c.enableFrom() : c.disableFrom();
    String key = at + (enable ? "/enableFrom" : "/disableFrom");
    List<String> pick = bindings.get(name);
    if (pick == null) {
      violations.add(new Violation(key, "no binding named '" + name + "'"));
      return;
    }
    // the first value sets the kind: every other value must be of the same kind
    boolean container = !pick.isEmpty() && ChaosTypes.isContainer(pick.getFirst());
    for (String type : pick) {
      String chooses = "binding '" + name + "' may choose '" + type + "', ";
      if (!ChaosTypes.known(type) || (ChaosTypes.isContainer(type) != container)) {
        violations.add(
            new Violation(
                key,
                chooses
                    + "which is not "
                    + (container
                        ? "a container anomaly like the binding's other values"
                        : "a server chaos type (see `perfshop chaos list`)")));
      } else if (container && !ChaosTypes.lasting(type)) {
        violations.add(
            new Violation(
                key,
                chooses + "which is over once done: a chosen anomaly must last until disabled"));
      } else {
        require(
            key,
            s.families().contains(ChaosTypes.family(type)),
            chooses + "in family '" + ChaosTypes.family(type) + "', which families does not list");
      }
    }
    if (container) {
      container(at, key, "the anomaly chosen by '" + name + "'", c);
    } else {
      require(at + "/service", c.service() == null, "service applies to container anomalies only");
    }
    settings(at, c, enable, container);
  }

  /** Level, expiry, probability and targets of an enable step; a disable step takes none. */
  private void settings(String at, ChaosAction c, boolean enable, boolean container) {
    if (enable) {
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
    if (c.enable() != null || c.enableFrom() != null) {
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
    boolean chosen = c.enableFrom() != null || c.disableFrom() != null;
    if (!chosen && !ChaosTypes.lasting(type)) {
      require(
          at + "/ttl",
          c.ttl() == null,
          "ttl does not apply to " + type + " (it is over once done)");
      require(key, c.disable() == null, type + " is over once done: there is nothing to disable");
    }
  }
}
