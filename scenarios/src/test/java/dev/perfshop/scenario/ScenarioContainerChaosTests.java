package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Container anomalies of the Docker lab in scenarios: a step names a lab service instead of routes;
 * every misuse is an error at the offending key's line and column (a missing key: its parent's).
 */
class ScenarioContainerChaosTests {

  private static final String VALID =
      """
      apiVersion: perfshop.dev/v1
      kind: Scenario
      id: db-down
      title: Which service went down?
      level: BAC5
      families: [infrastructure]
      summary: Kill the database under traffic.
      duration: 4m
      steps:
        - at: 30s
          chaos:
            enable: container-kill
            service: db
            level: 3
            ttl: 1m
        - at: 1m30s
          chaos: {disable: container-kill, service: db}
        - at: 2m
          chaos: {enable: container-pause, service: web, level: 1}
        - at: 2m30s
          chaos: {enable: container-restart, service: perfshop-server, level: 2}
        - at: 3m
          chaos: {disable: container-pause}
      """;

  private final ScenarioParser parser = new ScenarioParser();

  @Test
  void containerStepsWithServiceTtlAndDisableParse() {
    Scenario s = parser.parse("ok.yaml", VALID);
    var kill = s.steps().get(0).chaos();
    assertThat(kill.enable()).isEqualTo("container-kill");
    assertThat(kill.service()).isEqualTo("db");
    assertThat(kill.level()).isEqualTo(3);
    assertThat(kill.ttl()).isEqualTo("1m");
    assertThat(s.steps().get(1).chaos().service()).isEqualTo("db");
    assertThat(s.steps().get(4).chaos().disable()).isEqualTo("container-pause");
    assertThat(s.steps().get(4).chaos().service()).as("optional on disable").isNull();
  }

  @Test
  void containerTypesAreKnownButStayOutOfTheServerCatalogue() {
    assertThat(ChaosTypes.container())
        .containsOnlyKeys("container-kill", "container-pause", "container-restart")
        .containsValues("infrastructure");
    assertThat(ChaosTypes.all()).doesNotContainKeys("container-kill", "container-pause");
    assertThat(ChaosTypes.known("container-kill")).isTrue();
    assertThat(ChaosTypes.known("latency")).isTrue();
    assertThat(ChaosTypes.known("container-explode")).isFalse();
    assertThat(ChaosTypes.family("container-pause")).isEqualTo("infrastructure");
    assertThat(ChaosTypes.lasting("container-kill")).isTrue();
    assertThat(ChaosTypes.lasting("container-restart")).isFalse();
  }

  @Test
  void enableWithoutServiceIsAnErrorAtTheChaosNode() {
    String yaml = VALID.replace("      service: db\n", "");
    assertError(yaml, 11, 5, "container-kill needs service");
  }

  @Test
  void serviceMustLookLikeAComposeServiceName() {
    String yaml = VALID.replace("service: db\n", "service: My_DB\n");
    assertError(yaml, 13, 7, "service must be a lab service or alias");
  }

  @Test
  void probabilityIsRefusedForContainerTypes() {
    String yaml = VALID.replace("      level: 3\n", "      level: 3\n      probability: 0.5\n");
    assertError(yaml, 15, 7, "probability does not apply to container-kill");
  }

  @Test
  void routesAreRefusedForContainerTypes() {
    String yaml =
        VALID.replace(
            "      level: 3\n", "      level: 3\n      routes: [\"GET /api/products\"]\n");
    assertError(yaml, 15, 7, "routes does not apply to container-kill");
  }

  @Test
  void routesFromIsRefusedForContainerTypes() {
    String yaml =
        VALID
            .replace("duration: 4m\n", "duration: 4m\nbindings: [{name: target, pick: [a, b]}]\n")
            .replace("      level: 3\n", "      level: 3\n      routesFrom: target\n");
    assertError(yaml, 16, 7, "routesFrom does not apply to container-kill");
  }

  @Test
  void serviceOnAServerChaosTypeIsAnError() {
    String yaml =
        VALID.replace(
            "chaos: {enable: container-pause, service: web, level: 1}",
            "chaos: {enable: db-latency, service: web, level: 1}");
    assertError(yaml, 19, 33, "service applies to container anomalies only");
  }

  @Test
  void containerTypesBelongToTheInfrastructureFamily() {
    String yaml = VALID.replace("families: [infrastructure]", "families: [performance]");
    assertThatThrownBy(() -> parser.parse("f.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.errors()).hasSize(5);
              assertThat(e.errors().getFirst().line()).isEqualTo(12);
              assertThat(e.errors().getFirst().column()).isEqualTo(7);
              assertThat(e.errors().getFirst().message())
                  .isEqualTo(
                      "chaos type 'container-kill' is in family 'infrastructure', which families"
                          + " does not list");
            });
  }

  @Test
  void levelIsRequiredAndInRange() {
    assertError(VALID.replace("      level: 3\n", ""), 11, 5, "level is required to enable chaos");
    assertError(VALID.replace("level: 3\n", "level: 9\n"), 14, 7, "level must be between 1 and 5");
  }

  @Test
  void ttlKeepsItsRangeForContainerTypes() {
    assertError(VALID.replace("ttl: 1m\n", "ttl: 3h\n"), 15, 7, "ttl must be between 1s and 2h");
  }

  @Test
  void restartIsOverOnceDoneSoItTakesNoTtlAndCannotBeDisabled() {
    assertError(
        VALID.replace("service: perfshop-server, level: 2}", "service: server, level: 2, ttl: 1m}"),
        21,
        67,
        "ttl does not apply to container-restart (it is over once done)");
    assertError(
        VALID.replace("{disable: container-pause}", "{disable: container-restart}"),
        23,
        13,
        "container-restart is over once done: there is nothing to disable");
  }

  @Test
  void anUnknownContainerTypeIsNamed() {
    assertError(
        VALID.replace("enable: container-kill", "enable: container-explode"),
        12,
        7,
        "unknown chaos type 'container-explode'");
  }

  private void assertError(String yaml, int line, int column, String message) {
    assertThatThrownBy(() -> parser.parse("c.yaml", yaml))
        .isInstanceOfSatisfying(
            ScenarioException.class,
            e -> {
              assertThat(e.errors()).as(e.getMessage()).hasSize(1);
              assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
              assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
              assertThat(e.getMessage())
                  .startsWith("c.yaml:" + line + ":" + column + ": " + message);
            });
  }
}
