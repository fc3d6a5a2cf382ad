package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The anomaly among several: a binding chooses the chaos type ({@code enableFrom}), the route an
 * expectation measures ({@code routeFrom}) and the right options of a choice ({@code correctWhen}).
 */
class RunBoundRulesTests {

  private static final String BASE =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: among
      title: Among several
      level: BAC5
      families: [performance]
      summary: The anomaly among several.
      duration: 10m
      bindings:
        - name: incident
          pick: [gc-pressure, memory-leak]
        - name: slow-route
          pick: ["GET /api/products/{id}", "GET /api/products/{id}/reviews"]
      steps:
        - at: 0s
          chaos: {enableFrom: incident, level: 3, ttl: 9m}
        - at: 0s
          chaos: {enable: latency, level: 3, routesFrom: slow-route, ttl: 9m}
        - at: 0s
          expect: {metric: p95, routeFrom: slow-route, above: 150ms, within: 90s}
        - at: 0s
          enigma: {open: what}
        - at: 9m
          chaos: {disableFrom: incident}
      enigmas:
        - id: what
          question: What is wrong with the JVM?
          answer:
            type: choice
            binding: incident
            options: [Too much garbage collection, A heap that keeps growing, A deadlock]
            correctWhen: {gc-pressure: [0], memory-leak: [1]}
      """;

  private final ScenarioParser parser = new ScenarioParser();

  @Test
  void aRunResolvesTheChosenTypeAndRouteWhileTheEnigmaKeepsItsBinding() {
    Scenario s = parser.parse("among.yaml", BASE);
    assertThat(s.anomaliesOf("what"))
        .containsExactlyInAnyOrder("gc-pressure", "memory-leak", "latency");

    Scenario run =
        s.resolve(
            Map.of("incident", "memory-leak", "slow-route", "GET /api/products/{id}/reviews"));
    assertThat(run.steps().get(0).chaos().enable()).isEqualTo("memory-leak");
    assertThat(run.steps().get(0).chaos().enableFrom()).isNull();
    assertThat(run.steps().get(1).chaos().routes())
        .containsExactly("GET /api/products/{id}/reviews");
    assertThat(run.steps().get(2).expect().route()).isEqualTo("GET /api/products/{id}/reviews");
    assertThat(run.steps().get(4).chaos().disable()).isEqualTo("memory-leak");
    assertThat(run.anomaliesOf("what")).containsExactlyInAnyOrder("memory-leak", "latency");
    assertThat(run.enigmas().getFirst().answer().correctWhen()).containsKeys("gc-pressure");
  }

  @Test
  void aBindingThatMayChooseAnUnknownTypeOrAnUnlistedFamilyIsRefused() {
    String yaml =
        BASE.replace("pick: [gc-pressure, memory-leak]", "pick: [gc-pressure, wrong-tax]");
    assertThatThrownBy(() -> parser.parse("among.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("binding 'incident' may choose 'wrong-tax', in family 'business'"));
    String unknown = BASE.replace("pick: [gc-pressure, memory-leak]", "pick: [gc-pressure, nope]");
    assertThatThrownBy(() -> parser.parse("among.yaml", unknown))
        .hasMessageContaining("may choose 'nope', which is not a server chaos type");
  }

  @Test
  void correctWhenMustCoverEveryValueOfItsBindingWithValidOptions() {
    String missing =
        BASE.replace(
            "correctWhen: {gc-pressure: [0], memory-leak: [1]}", "correctWhen: {gc-pressure: [0]}");
    assertThatThrownBy(() -> parser.parse("among.yaml", missing))
        .hasMessageContaining(
            "correctWhen must give the right options for each value of binding 'incident'");
    String outOfRange = BASE.replace("memory-leak: [1]}", "memory-leak: [7]}");
    assertThatThrownBy(() -> parser.parse("among.yaml", outOfRange))
        .hasMessage("among.yaml:32:53: no option with index 7");
    String both = BASE.replace("binding: incident\n", "binding: incident\n      correct: [0]\n");
    assertThatThrownBy(() -> parser.parse("among.yaml", both))
        .hasMessageContaining("takes its right options from correctWhen, not correct");
    String unbound = BASE.replace("      binding: incident\n", "");
    assertThatThrownBy(() -> parser.parse("among.yaml", unbound))
        .hasMessageContaining("correctWhen needs binding");
  }

  @Test
  void aStepNamesOneWayToChooseItsTypeAndAnExpectationOneRoute() {
    String two =
        BASE.replace(
            "{enableFrom: incident, level: 3", "{enableFrom: incident, enable: cpu-burn, level: 3");
    assertThatThrownBy(() -> parser.parse("among.yaml", two))
        .hasMessageContaining("exactly one of enable, enableFrom, disable, disableFrom");
    String noBinding =
        BASE.replace("{metric: p95, routeFrom: slow-route", "{metric: p95, routeFrom: fast-route");
    assertThatThrownBy(() -> parser.parse("among.yaml", noBinding))
        .hasMessageContaining("no binding named 'fast-route'");
  }

  private static final String DOWN =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: down
      title: Dead or hung
      level: BAC5
      families: [infrastructure]
      summary: The database stops or freezes.
      duration: 4m
      bindings:
        - name: failure
          pick: [container-kill, container-pause]
      steps:
        - at: 0s
          enigma: {open: how}
        - at: 30s
          chaos: {enableFrom: failure, service: db, level: 3, ttl: 2m}
        - at: 2m30s
          chaos: {disableFrom: failure, service: db}
      enigmas:
        - id: how
          question: How did the database fail?
          answer:
            type: choice
            binding: failure
            options: [It stopped, It froze]
            correctWhen: {container-kill: [0], container-pause: [1]}
      """;

  @Test
  void aBindingMayChooseAmongLastingContainerAnomaliesOfItsService() {
    Scenario s = parser.parse("down.yaml", DOWN);
    // the server cannot see a container anomaly: the enigma is not gated on one
    assertThat(s.anomaliesOf("how")).isEmpty();
    Scenario run = s.resolve(Map.of("failure", "container-pause"));
    assertThat(run.steps().get(1).chaos().enable()).isEqualTo("container-pause");
    assertThat(run.steps().get(1).chaos().service()).isEqualTo("db");
    assertThat(run.steps().get(2).chaos().disable()).isEqualTo("container-pause");

    assertThatThrownBy(() -> parser.parse("down.yaml", DOWN.replace("service: db, level", "level")))
        .hasMessageContaining("the anomaly chosen by 'failure' needs service");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "down.yaml",
                    DOWN.replace("[container-kill, container-pause]", "[container-kill, db-outage]")
                        .replace("container-pause: [1]", "db-outage: [1]")))
        .hasMessageContaining(
            "may choose 'db-outage', which is not a container anomaly like the binding's other"
                + " values");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "down.yaml",
                    DOWN.replace(
                            "[container-kill, container-pause]",
                            "[container-kill, container-restart]")
                        .replace("container-pause: [1]", "container-restart: [1]")))
        .hasMessageContaining("may choose 'container-restart', which is over once done");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "down.yaml",
                    DOWN.replace(
                        "{enableFrom: failure, service: db, level: 3, ttl: 2m}",
                        "{enableFrom: failure, service: db, level: 3, ttl: 2m, routes: [\"GET /api/products\"]}")))
        .hasMessageContaining("routes does not apply");
  }
}
