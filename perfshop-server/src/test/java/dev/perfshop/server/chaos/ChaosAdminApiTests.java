package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.TestAdmin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChaosTestConfig.class)
class ChaosAdminApiTests {

  @LocalServerPort int port;
  ChaosHttp api;

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
  }

  @AfterEach
  void tearDown() {
    api.halt();
  }

  @Test
  @SuppressWarnings("unchecked")
  void catalogListsEveryTypeWithFiveDescribedLevelsAndAtLeastFivePerFamily() {
    List<Map<String, Object>> catalog =
        api.http
            .get()
            .uri("/api/admin/chaos/catalog")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .retrieve()
            .body(List.class);
    assertThat(catalog).hasSize(ChaosType.values().size());
    assertThat(catalog)
        .allSatisfy(
            t -> {
              assertThat((String) t.get("type")).matches("[a-z]+(-[a-z]+)*");
              assertThat((List<?>) t.get("levels")).hasSize(5);
              assertThat((List<String>) t.get("defaultRoutes")).isNotEmpty();
            });
    for (String f : dev.perfshop.scenario.ChaosCatalogue.families()) {
      assertThat(catalog.stream().filter(t -> f.equals(t.get("family"))).count())
          .as(f)
          .isGreaterThanOrEqualTo(5);
    }
    assertThat(catalog)
        .filteredOn(t -> "security".equals(t.get("family")))
        .allSatisfy(t -> assertThat(t.get("dangerous")).isEqualTo(true));
  }

  @Test
  void chaosIsOffByDefaultAndTheSafetyModeIsLockedOnAServerBoundToEveryInterface() {
    Map<String, Object> status = api.status();
    assertThat(status).containsEntry("safetyMode", "locked");
    assertThat(api.activations()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void enableReturnsTheActivationAndStatusShowsItUntilDisabled() {
    String session = api.liveSession("class 42");
    var res =
        api.enable(
            "latency",
            Map.of(
                "level",
                2,
                "ttl",
                "10m",
                "probability",
                0.5,
                "routes",
                List.of("/api/products/**"),
                "sessionId",
                session,
                "scenarioId",
                "bac2-slow"));
    assertThat(res.getStatusCode().value()).isEqualTo(200);
    Map<String, Object> a = res.getBody();
    assertThat(a)
        .containsEntry("type", "latency")
        .containsEntry("family", "performance")
        .containsEntry("level", 2)
        .containsEntry("probability", 0.5)
        .containsEntry("remainingSeconds", 600)
        .containsEntry("scenarioId", "bac2-slow")
        .containsEntry("activatedBy", "test-instructor")
        .containsEntry("routes", List.of("/api/products/**"));
    assertThat((Map<String, Object>) a.get("scope"))
        .containsEntry("kind", "session")
        .containsEntry("id", session);
    assertThat(api.activations()).extracting(x -> x.get("type")).containsExactly("latency");

    assertThat(api.disable("latency").getBody()).containsEntry("disabled", "latency");
    assertThat(api.activations()).isEmpty();
    assertThat(api.disable("latency").getStatusCode().value()).as("idempotent").isEqualTo(200);
  }

  @Test
  void defaultsAreTheLevelsProbabilityAllRoutesAllTrafficAndFifteenMinutes() {
    var res = api.enable("error-rate", Map.of("level", 3));
    assertThat(res.getBody())
        .containsEntry("probability", ChaosType.of("error-rate").defaultProbability(3))
        .containsEntry("remainingSeconds", 900)
        .containsEntry("routes", List.of("/api/**"))
        .containsEntry("scope", Map.of("kind", "all"));
  }

  @Test
  void onlyCatalogueNamesAreAcceptedAndAnythingElseIsANotFoundProblem() {
    for (String name :
        List.of(
            "dev.perfshop.server.catalog.PriceServiceClient",
            "LATENCY",
            "latency;rm -rf",
            "T(java.lang.Runtime)")) {
      var res = api.enable(name, Map.of("level", 1));
      assertThat(res.getStatusCode().value()).as(name).isEqualTo(404);
      assertThat(res.getBody()).containsEntry("type", "https://perfshop.dev/problems/not-found");
      assertThat(api.disable(name).getStatusCode().value()).isEqualTo(404);
    }
    assertThat(api.activations()).isEmpty();
  }

  @Test
  void badBodiesAreValidationProblemsAndChangeNothing() {
    List<Map<String, Object>> bad =
        List.of(
            Map.of(),
            Map.of("level", 0),
            Map.of("level", 6),
            Map.of("level", "3"),
            Map.of("level", 1, "ttl", "3h"),
            Map.of("level", 1, "ttl", "0s"),
            Map.of("level", 1, "ttl", "soon"),
            Map.of("level", 1, "probability", 1.5),
            Map.of("level", 1, "every", 0),
            Map.of("level", 1, "routes", List.of("/etc/passwd")),
            Map.of("level", 1, "routes", List.of("/api/admin/**")),
            Map.of("level", 1, "routes", List.of()),
            Map.of("level", 1, "sessionId", "a b"),
            Map.of("level", 1, "sessionId", "s", "agentCode", "a"),
            Map.of("level", 1, "className", "x"));
    for (Map<String, Object> body : bad) {
      var res = api.enable("latency", body);
      assertThat(res.getStatusCode().value()).as(body.toString()).isEqualTo(400);
      assertThat(res.getBody())
          .as(body.toString())
          .containsEntry("type", "https://perfshop.dev/problems/validation");
      assertThat((List<?>) res.getBody().get("errors")).isNotEmpty();
    }
    var malformed =
        api.http
            .put()
            .uri("/api/admin/chaos/latency")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"level\": ")
            .retrieve()
            .toEntity(Map.class);
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    var huge =
        api.http
            .put()
            .uri("/api/admin/chaos/latency")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"level\":1,\"scenarioId\":\"" + "x".repeat(200_000) + "\"}")
            .retrieve()
            .toEntity(Map.class);
    assertThat(huge.getStatusCode().value()).isEqualTo(413);
    assertThat(api.activations()).isEmpty();
  }

  @Test
  void ttlAcceptsShortFormsIsoAndSeconds() {
    assertThat(api.enable("latency", Map.of("level", 1, "ttl", "90s")).getBody())
        .containsEntry("remainingSeconds", 90);
    assertThat(api.enable("latency", Map.of("level", 1, "ttl", "PT1H")).getBody())
        .containsEntry("remainingSeconds", 3600);
    assertThat(api.enable("latency", Map.of("level", 1, "ttl", 120)).getBody())
        .containsEntry("remainingSeconds", 120);
    assertThat(api.enable("latency", Map.of("level", 1, "ttl", "2h")).getBody())
        .containsEntry("remainingSeconds", 7200);
    // the scenario grammar, shared with the CLI's --ttl
    assertThat(api.enable("latency", Map.of("level", 1, "ttl", "1m30s")).getBody())
        .containsEntry("remainingSeconds", 90);
  }

  @Test
  void securityTypesAreRefusedWhileTheSafetyModeIsLocked() {
    for (ChaosType t : ChaosType.values()) {
      if (!t.family().equals("security")) {
        continue;
      }
      var res = api.enable(t.id(), Map.of("level", 1));
      assertThat(res.getStatusCode().value()).as(t.id()).isEqualTo(403);
      assertThat(res.getBody()).containsEntry("safetyMode", "locked");
    }
    assertThat(api.activations()).isEmpty();
  }

  @Test
  void haltIsIdempotentAndReportsHowManyActivationsItEnded() {
    api.enable("latency", Map.of("level", 1, "routes", List.of("/api/nothing")));
    api.enable("error-rate", Map.of("level", 1, "routes", List.of("/api/nothing")));
    assertThat(api.halt().getBody()).containsEntry("halted", 2);
    assertThat(api.halt().getBody()).containsEntry("halted", 0);
    assertThat(api.activations()).isEmpty();
  }

  @Test
  void everyChangeIsAuditedWithWhoWhatWhenAndScenario() {
    api.enable(
        "cpu-burn", Map.of("level", 4, "scenarioId", "bac3-cpu", "routes", List.of("/api/x")));
    api.disable("cpu-burn");
    api.halt();
    List<Map<String, Object>> audit = api.audit(3);
    assertThat(audit).extracting(e -> e.get("action")).containsExactly("halt", "disable", "enable");
    Map<String, Object> enable = audit.get(2);
    assertThat(enable)
        .containsEntry("actor", "test-instructor")
        .containsEntry("type", "cpu-burn")
        .containsEntry("level", 4)
        .containsEntry("scenarioId", "bac3-cpu");
    assertThat(enable.get("at")).isNotNull();
    assertThat(audit.get(1))
        .containsEntry("actor", "admin")
        .containsEntry("scenarioId", "bac3-cpu");
    var bad =
        api.http
            .get()
            .uri("/api/admin/chaos/audit?limit=0")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .retrieve()
            .toEntity(Map.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
  }
}
