package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StudentJourneyTests {

  static final String PROBLEMS = "https://perfshop.dev/problems/";

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private Map<String, Object> sessionWithRouteEnigma(String name) {
    Map<String, Object> s = api.openSession(name, "BAC1");
    assertThat(
            api.register(
                    s.get("id"),
                    Api.routeEnigma(
                        "slow", "GET /api/products/{id}", List.of("Sort by p95.", "One product.")))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    return s;
  }

  @Test
  void joinGivesASignedAgentCodeAndACookieThatIdentifyTheStudent() {
    Map<String, Object> s = sessionWithRouteEnigma("join");
    var joined = api.join(s.get("joinCode").toString().toLowerCase(), "Ada");
    assertThat(joined.getStatusCode().value()).isEqualTo(201);
    String agent = (String) joined.getBody().get("agentCode");
    assertThat(agent).matches("([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}");
    assertThat(joined.getHeaders().getFirst(HttpHeaders.SET_COOKIE))
        .contains("perfshop_agent=" + agent, "HttpOnly", "SameSite=Strict", "Path=/api/student");

    assertThat(api.me(agent).getBody()).containsEntry("nickname", "Ada").containsEntry("stars", 0);
    // the code also works typed in lower case, without dashes
    assertThat(api.me(agent.replace("-", "").toLowerCase()).getStatusCode().value()).isEqualTo(200);
    var byCookie =
        api.http()
            .get()
            .uri("/api/student/me")
            .header("Cookie", "perfshop_agent=" + agent)
            .retrieve()
            .toEntity(Map.class);
    assertThat(byCookie.getBody()).containsEntry("nickname", "Ada");

    var taken = api.join(s.get("joinCode"), "ada");
    assertThat(taken.getStatusCode().value()).isEqualTo(409);
    assertThat(taken.getBody()).containsEntry("type", PROBLEMS + "conflict");
    var unknown = api.join("ZZZZZZ", "Bob");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    var badNick = api.join(s.get("joinCode"), "=cmd|' /C calc'!A0");
    assertThat(badNick.getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void rightAnswerSolvesOnceAndWrongAnswersCostAStarEveryThree() {
    Map<String, Object> s = sessionWithRouteEnigma("answers");
    String agent = api.agent(s.get("joinCode"), "Grace");

    for (String wrong : List.of("GET /api/categories", "GET /api/products", "POST /api/orders")) {
      var r = api.answer(agent, "slow", wrong);
      assertThat(r.getStatusCode().value()).isEqualTo(200);
      assertThat(r.getBody()).containsEntry("correct", false).containsEntry("solved", false);
    }
    assertThat(api.enigma(agent, "slow"))
        .containsEntry("wrongAnswers", 3)
        .containsEntry("starsAvailable", 2);

    // any way of writing the route counts
    var right = api.answer(agent, "slow", "get http://localhost:8080/api/products/42?x=1");
    assertThat(right.getBody())
        .containsEntry("correct", true)
        .containsEntry("solved", true)
        .containsEntry("alreadySolved", false)
        .containsEntry("stars", 2);
    var again = api.answer(agent, "slow", "GET /api/products/{id}");
    assertThat(again.getBody()).containsEntry("alreadySolved", true).containsEntry("stars", 2);
    assertThat(api.me(agent).getBody()).containsEntry("stars", 2).containsEntry("solved", 1);

    long solves =
        (long)
            meters
                .get(PedagogyMeters.SOLVES)
                .tag("session", s.get("id").toString())
                .counter()
                .count();
    assertThat(solves).isOne();
    assertThat(
            meters
                .get(PedagogyMeters.ATTEMPTS)
                .tag("session", s.get("id").toString())
                .tag("outcome", "wrong")
                .counter()
                .count())
        .isEqualTo(3.0);
  }

  @Test
  void parallelRightAnswersSolveOnceWithoutDoubleStars() throws Exception {
    Map<String, Object> s = sessionWithRouteEnigma("parallel");
    String agent = api.agent(s.get("joinCode"), "Quick");
    List<java.util.concurrent.Callable<Map>> answers =
        java.util.Collections.nCopies(
            5, () -> api.answer(agent, "slow", "GET /api/products/1").getBody());
    List<Map> results;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(5)) {
      results =
          pool.invokeAll(answers).stream()
              .map(
                  f -> {
                    try {
                      return f.get();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
    }
    assertThat(results)
        .allSatisfy(r -> assertThat(r).containsEntry("solved", true).containsEntry("stars", 3));
    assertThat(results).filteredOn(r -> Boolean.FALSE.equals(r.get("alreadySolved"))).hasSize(1);
    assertThat(api.me(agent).getBody()).containsEntry("stars", 3).containsEntry("solved", 1);
    assertThat(
            meters
                .get(PedagogyMeters.SOLVES)
                .tag("session", s.get("id").toString())
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void closedEnigmasDisappearExceptForWhoSolvedThem() {
    Map<String, Object> s = sessionWithRouteEnigma("visibility");
    Object id = s.get("id");
    api.register(id, Api.routeEnigma("other", "GET /api/cart", List.of()));
    String agent = api.agent(s.get("joinCode"), "Vera");
    api.answer(agent, "slow", "GET /api/products/1");
    String base = "/api/admin/sessions/" + id + "/enigmas/";
    assertThat(api.admin("POST", base + "slow/close", null).getBody()).containsEntry("open", false);
    api.admin("POST", base + "other/close", null);

    List<Map<String, Object>> visible = (List<Map<String, Object>>) api.enigmas(agent).getBody();
    assertThat(visible).extracting("id").containsExactly("slow");
    assertThat(visible.getFirst()).containsEntry("solved", true).containsEntry("open", false);
    assertThat(api.answer(agent, "other", "GET /api/cart").getStatusCode().value()).isEqualTo(404);
    assertThat(api.hint(agent, "other").getStatusCode().value()).isEqualTo(404);

    api.admin("POST", base + "other/open", null);
    assertThat(api.answer(agent, "other", "GET /api/cart").getBody()).containsEntry("solved", true);
  }

  @Test
  void theSameWrongAnswerTwiceCostsOnceAndAMalformedAnswerCostsNothing() {
    Map<String, Object> s = sessionWithRouteEnigma("repeat");
    String agent = api.agent(s.get("joinCode"), "Linus");
    api.answer(agent, "slow", "GET /api/categories");
    var repeat = api.answer(agent, "slow", "get /api/categories/");
    assertThat(repeat.getBody()).containsEntry("wrongAnswers", 1);
    var malformed = api.answer(agent, "slow", "the product page");
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(malformed.getBody()).containsEntry("type", PROBLEMS + "validation");
    assertThat(api.enigma(agent, "slow")).containsEntry("wrongAnswers", 1);
  }

  @Test
  void hintsTakenReduceStarsButReleasedHintsAreFree() {
    Map<String, Object> s = sessionWithRouteEnigma("hints");
    String paying = api.agent(s.get("joinCode"), "Alan");
    var first = api.hint(paying, "slow");
    assertThat(first.getBody())
        .containsEntry("number", 1)
        .containsEntry("text", "Sort by p95.")
        .containsEntry("starsAvailable", 2);
    assertThat(api.hint(paying, "slow").getBody()).containsEntry("starsAvailable", 1);
    assertThat(api.hint(paying, "slow").getStatusCode().value()).isEqualTo(409);
    assertThat(api.answer(paying, "slow", "GET /api/products/1").getBody())
        .containsEntry("stars", 1);

    String patient = api.agent(s.get("joinCode"), "Barbara");
    var released =
        api.admin(
            "POST", "/api/admin/sessions/" + s.get("id") + "/enigmas/slow/hints/release", null);
    assertThat(released.getBody()).containsEntry("hintsReleased", 1);
    assertThat(api.enigma(patient, "slow"))
        .containsEntry("hints", List.of("Sort by p95."))
        .containsEntry("starsAvailable", 3);
    assertThat(api.answer(patient, "slow", "GET /api/products/7").getBody())
        .containsEntry("stars", 3);

    var board = api.adminList("/api/admin/sessions/" + s.get("id") + "/leaderboard").getBody();
    assertThat(board).extracting("nickname").containsExactly("Barbara", "Alan");
    assertThat(board).extracting("stars").containsExactly(3, 1);
    assertThat(
            meters
                .get(PedagogyMeters.HINTS)
                .tag("session", s.get("id").toString())
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  @Test
  void forgedTamperedOrRevokedAgentCodesAreRefused() {
    Map<String, Object> s = sessionWithRouteEnigma("forgery");
    String agent = api.agent(s.get("joinCode"), "Eve");
    char last = agent.charAt(agent.length() - 1);
    String tampered = agent.substring(0, agent.length() - 1) + (last == 'A' ? 'B' : 'A');
    char first = agent.charAt(0);
    String otherId = (first == '7' ? '8' : '7') + agent.substring(1);
    String forged = "0000-0000-0000-0000-0000-0000-0000-0000";
    for (String code : List.of(tampered, otherId, forged, "hello", "")) {
      var r = api.me(code);
      assertThat(r.getStatusCode().value()).as(code).isEqualTo(401);
      assertThat(r.getBody()).containsEntry("type", PROBLEMS + "unauthenticated");
    }
    assertThat(api.answer(tampered, "slow", "GET /api/products/1").getStatusCode().value())
        .isEqualTo(401);

    long studentId = studentId(s, "Eve");
    assertThat(
            api.admin(
                    "DELETE", "/api/admin/sessions/" + s.get("id") + "/students/" + studentId, null)
                .getStatusCode()
                .value())
        .isEqualTo(204);
    assertThat(api.me(agent).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void aClosedStudentPageRefusesStudentsWithA403Problem() {
    Map<String, Object> s =
        api.admin("POST", "/api/admin/sessions", Map.of("name", "closed", "level", "BAC2"))
            .getBody();
    assertThat(s).containsEntry("studentPage", "closed");
    var refused = api.join(s.get("joinCode"), "Ken");
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(refused.getBody())
        .containsEntry("type", PROBLEMS + "forbidden")
        .containsEntry("reason", "student-page-closed");

    api.admin("POST", "/api/admin/sessions/" + s.get("id") + "/open", null);
    api.register(s.get("id"), Api.routeEnigma("slow", "GET /api/cart", List.of()));
    String agent = api.agent(s.get("joinCode"), "Ken");
    assertThat(api.me(agent).getStatusCode().value()).isEqualTo(200);

    api.admin("POST", "/api/admin/sessions/" + s.get("id") + "/close", null);
    // a closed class still shows the student their final state; playing is refused
    assertThat(api.me(agent).getBody())
        .containsEntry("studentPage", "closed")
        .containsEntry("nickname", "Ken")
        .containsEntry("rank", 1);
    assertThat(api.enigmas(agent).getStatusCode().value()).isEqualTo(403);
    assertThat(api.answer(agent, "slow", "GET /api/cart").getStatusCode().value()).isEqualTo(403);
    assertThat(api.hint(agent, "slow").getStatusCode().value()).isEqualTo(403);

    // archiving frees the join code; the session's agents stay refused
    var archived =
        api.admin("POST", "/api/admin/sessions/" + s.get("id") + "/archive", null).getBody();
    assertThat(archived).containsEntry("archived", true).doesNotContainKey("joinCode");
    assertThat(
            api.admin("POST", "/api/admin/sessions/" + s.get("id") + "/open", null)
                .getStatusCode()
                .value())
        .isEqualTo(409);
    assertThat(api.me(agent).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void answersAreRateLimitedPerStudentWithRetryAfter() {
    Map<String, Object> s = sessionWithRouteEnigma("rate");
    String agent = api.agent(s.get("joinCode"), "Mallory");
    String other = api.agent(s.get("joinCode"), "Trent");
    for (int i = 0; i < 6; i++) {
      assertThat(api.answer(agent, "slow", "GET /api/wrong" + i).getStatusCode().value())
          .isEqualTo(200);
    }
    var limited = api.answer(agent, "slow", "GET /api/products/1");
    assertThat(limited.getStatusCode().value()).isEqualTo(429);
    assertThat(limited.getBody()).containsEntry("type", PROBLEMS + "too-many-requests");
    long retryAfter = Long.parseLong(limited.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    assertThat(retryAfter).isBetween(1L, 60L);
    // the refused answer was not checked or counted, and other students are not affected
    assertThat(api.enigma(agent, "slow"))
        .containsEntry("solved", false)
        .containsEntry("wrongAnswers", 6);
    assertThat(api.answer(other, "slow", "GET /api/products/1").getBody())
        .containsEntry("solved", true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoSessionsInParallelStaySeparate() {
    Map<String, Object> a = api.openSession("morning", "BAC1");
    Map<String, Object> b = api.openSession("afternoon", "BAC3");
    assertThat(a.get("joinCode")).isNotEqualTo(b.get("joinCode"));
    api.register(a.get("id"), Api.routeEnigma("slow", "GET /api/products/{id}", List.of()));
    api.register(b.get("id"), Api.routeEnigma("slow", "GET /api/categories", List.of()));
    String inA = api.agent(a.get("joinCode"), "Sam");
    String inB = api.agent(b.get("joinCode"), "Sam");

    // the same answer is right in one session and wrong in the other
    assertThat(api.answer(inA, "slow", "GET /api/products/3").getBody())
        .containsEntry("solved", true);
    assertThat(api.answer(inB, "slow", "GET /api/products/3").getBody())
        .containsEntry("solved", false);
    assertThat(api.me(inB).getBody())
        .containsEntry("stars", 0)
        .containsEntry("session", Map.of("name", "afternoon", "level", "BAC3"));

    Map<String, Object> progressB =
        api.admin("GET", "/api/admin/sessions/" + b.get("id") + "/progress", null).getBody();
    List<Map<String, Object>> studentsB = (List<Map<String, Object>>) progressB.get("students");
    assertThat(studentsB).hasSize(1);
    assertThat(studentsB.getFirst()).containsEntry("solved", 0).containsEntry("wrongAnswers", 1);
    Map<String, Object> progressA =
        api.admin("GET", "/api/admin/sessions/" + a.get("id") + "/progress", null).getBody();
    assertThat((List<Map<String, Object>>) progressA.get("students"))
        .singleElement()
        .satisfies(st -> assertThat(st).containsEntry("solved", 1).containsEntry("stars", 3));
    // closing one session leaves the other open
    api.admin("POST", "/api/admin/sessions/" + a.get("id") + "/close", null);
    assertThat(api.enigmas(inA).getStatusCode().value()).isEqualTo(403);
    assertThat(api.enigmas(inB).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void everyKindOfAnswerCheckWorksOverHttp() {
    Map<String, Object> s = api.openSession("checks", "BAC3");
    Object id = s.get("id");
    api.register(
        id,
        Map.of(
            "id",
            "pick",
            "question",
            "Which are 5xx?",
            "answer",
            Map.of(
                "type",
                "choice",
                "options",
                List.of("404", "500", "503", "302"),
                "correct",
                List.of(1, 2))));
    api.register(
        id,
        Map.of(
            "id",
            "p95",
            "question",
            "p95?",
            "answer",
            Map.of("type", "number", "value", 250, "tolerance", 50, "unit", "ms")));
    api.register(
        id,
        Map.of(
            "id",
            "word",
            "question",
            "Which pool?",
            "answer",
            Map.of("type", "text", "pattern", "(?i)hikari(cp)?( pool)?")));
    api.register(
        id,
        Map.of(
            "id",
            "exact",
            "question",
            "Header?",
            "answer",
            Map.of("type", "text", "accepted", List.of("Retry-After"))));
    api.register(
        id,
        Map.of(
            "scenarioId",
            "random-target",
            "id",
            "target",
            "question",
            "Which route?",
            "stars",
            2,
            "answer",
            Map.of("type", "bound", "binding", "target-route")));
    String agent = api.agent(s.get("joinCode"), "Kim");

    assertThat(api.enigma(agent, "pick"))
        .containsEntry("multiple", true)
        .containsEntry("options", List.of("404", "500", "503", "302"));
    assertThat(api.answer(agent, "pick", List.of(1)).getBody()).containsEntry("correct", false);
    assertThat(api.answer(agent, "pick", List.of(9)).getStatusCode().value()).isEqualTo(400);
    assertThat(api.answer(agent, "pick", List.of(2, 1)).getBody()).containsEntry("correct", true);

    assertThat(api.answer(agent, "p95", "400").getBody()).containsEntry("correct", false);
    assertThat(api.answer(agent, "p95", "3 MiB").getStatusCode().value()).isEqualTo(400);
    assertThat(api.answer(agent, "p95", "0,28 s").getBody()).containsEntry("correct", true);

    assertThat(api.answer(agent, "word", "c3p0").getBody()).containsEntry("correct", false);
    assertThat(api.answer(agent, "word", "  HikariCP   pool ").getBody())
        .containsEntry("correct", true);
    assertThat(api.answer(agent, "exact", "retry-after").getBody()).containsEntry("correct", true);

    assertThat(api.enigma(agent, "random-target.target")).containsEntry("ready", false);
    var notReady = api.answer(agent, "random-target.target", "GET /api/categories");
    assertThat(notReady.getStatusCode().value()).isEqualTo(409);
    var bound =
        api.admin(
            "POST",
            "/api/admin/sessions/" + id + "/bindings",
            Map.of(
                "scenarioId",
                "random-target",
                "name",
                "target-route",
                "value",
                "GET /api/products/{id}/reviews"));
    assertThat(bound.getBody()).containsEntry("bound", List.of("random-target.target"));
    assertThat(api.answer(agent, "random-target.target", "GET /api/categories").getBody())
        .containsEntry("correct", false);
    assertThat(api.answer(agent, "random-target.target", "GET /api/products/12/reviews").getBody())
        .containsEntry("correct", true)
        .containsEntry("stars", 2);
    assertThat(api.me(agent).getBody()).containsEntry("solved", 5);
  }

  @Test
  void answersAreStoredOnlyAsKeyedHashesAndNeverReturned() {
    Map<String, Object> s = sessionWithRouteEnigma("secrecy");
    String agent = api.agent(s.get("joinCode"), "Whit");
    String stored =
        jdbc.sql("SELECT answer_hashes FROM session_enigmas WHERE session_id = ?")
            .param(s.get("id"))
            .query(String.class)
            .single();
    assertThat(stored).matches("[0-9a-f]{64}").doesNotContain("products");
    String student =
        api.http()
            .get()
            .uri("/api/student/enigmas")
            .header("X-Agent-Code", agent)
            .retrieve()
            .body(String.class);
    String admin =
        api.adminList("/api/admin/sessions/" + s.get("id") + "/enigmas").getBody().toString();
    assertThat(student).doesNotContain(stored).doesNotContain("/api/products/{id}");
    assertThat(admin).doesNotContain(stored).doesNotContain("/api/products/{id}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void instructorRenamesResetsAndExportsStudents() {
    Map<String, Object> s = sessionWithRouteEnigma("roster");
    String agent = api.agent(s.get("joinCode"), "Bobby");
    api.agent(s.get("joinCode"), "Carol");
    api.answer(agent, "slow", "GET /api/products/1");
    long bobby = studentId(s, "Bobby");
    String base = "/api/admin/sessions/" + s.get("id");

    var students = api.adminList(base + "/students").getBody();
    assertThat((List<Map<String, Object>>) students)
        .anySatisfy(
            st ->
                assertThat(st)
                    .containsEntry("nickname", "Bobby")
                    .containsEntry("agentCode", agent)
                    .containsEntry("stars", 3));
    assertThat(
            api.admin("PATCH", base + "/students/" + bobby, Map.of("nickname", "carol"))
                .getStatusCode()
                .value())
        .isEqualTo(409);
    assertThat(
            api.admin("PATCH", base + "/students/" + bobby, Map.of("nickname", "Robert")).getBody())
        .containsEntry("nickname", "Robert");
    assertThat(api.me(agent).getBody()).containsEntry("nickname", "Robert");

    var csv =
        api.http()
            .get()
            .uri(base + "/export?format=csv&layout=long")
            .header("X-Admin-Token", dev.perfshop.server.support.TestAdmin.TOKEN)
            .retrieve()
            .toEntity(String.class);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .contains("attachment", ".csv");
    assertThat(csv.getBody().lines().toList())
        .first()
        .asString()
        .startsWith("session_id,session_name,level,student_id,nickname,enigma,solved,stars");
    assertThat(csv.getBody())
        .contains("\"Robert\",\"slow\",true,3,0,0,1,")
        .contains("\"Carol\",\"slow\",false,,0,0,0,");
    var json = api.admin("GET", base + "/export?format=json", null);
    assertThat(json.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains(".json");
    assertThat((List<?>) json.getBody().get("students")).hasSize(2);

    assertThat(api.admin("POST", base + "/students/" + bobby + "/reset", null).getBody())
        .containsEntry("stars", 0);
    assertThat(api.me(agent).getBody()).containsEntry("stars", 0).containsEntry("solved", 0);
    assertThat(api.enigma(agent, "slow")).containsEntry("solved", false);
  }

  @Test
  void builtInLibraryGivesASessionTheEnigmasOfItsLevel() {
    Map<String, Object> s = api.openSession("library", "BAC1");
    var loaded = api.adminAny("POST", "/api/admin/sessions/" + s.get("id") + "/enigmas/library");
    assertThat(loaded.getStatusCode().value()).isEqualTo(201);
    var enigmas = api.adminList("/api/admin/sessions/" + s.get("id") + "/enigmas").getBody();
    assertThat(enigmas).isNotEmpty().extracting("key").contains("slow-catalog.which-route");
    // what a run of slow-catalog binds: the slow route its seed drew
    api.admin(
        "POST",
        "/api/admin/sessions/" + s.get("id") + "/bindings",
        Map.of(
            "scenarioId", "slow-catalog", "name", "slow-route", "value", "GET /api/products/{id}"));
    String agent = api.agent(s.get("joinCode"), "Dana");
    // the slow route is a diagnosis of a running anomaly: the instructor enables it first
    api.admin(
        "PUT",
        "/api/admin/chaos/latency",
        Map.of("level", 2, "routes", List.of("/api/products/*")));
    try {
      assertThat(api.answer(agent, "slow-catalog.which-route", "GET /api/products/5").getBody())
          .containsEntry("solved", true);
    } finally {
      api.admin("DELETE", "/api/admin/chaos/latency", null);
    }
    // loading again keeps progress
    api.adminAny("POST", "/api/admin/sessions/" + s.get("id") + "/enigmas/library");
    assertThat(api.me(agent).getBody()).containsEntry("solved", 1);
  }

  @Test
  void everyShippedEnigmaOfEveryLevelRegisters() {
    for (dev.perfshop.scenario.Level level : dev.perfshop.scenario.Level.values()) {
      long expected =
          dev.perfshop.scenario.ScenarioLibrary.shipped().stream()
              .filter(e -> e.scenario().level() == level)
              .mapToLong(e -> e.scenario().enigmas().size())
              .sum();
      Map<String, Object> s = api.openSession("library " + level, level.name());
      var loaded = api.adminAny("POST", "/api/admin/sessions/" + s.get("id") + "/enigmas/library");
      assertThat(loaded.getStatusCode().value()).as(level.name()).isEqualTo(201);
      assertThat((List<?>) loaded.getBody()).as(level.name()).hasSize((int) expected).isNotEmpty();
      api.admin("POST", "/api/admin/sessions/" + s.get("id") + "/archive", null);
    }
  }

  @Test
  void badInstructorInputIsAProblemAndChangesNothing() {
    var noLevel = api.admin("POST", "/api/admin/sessions", Map.of("name", "x"));
    assertThat(noLevel.getStatusCode().value()).isEqualTo(400);
    var badLevel = api.admin("POST", "/api/admin/sessions", Map.of("name", "x", "level", "BAC9"));
    assertThat(badLevel.getStatusCode().value()).isEqualTo(400);
    Map<String, Object> s = api.openSession("bad", "BAC4");
    var redos =
        api.register(
            s.get("id"),
            Map.of(
                "id", "r", "question", "q", "answer", Map.of("type", "text", "pattern", "(a)\\1")));
    assertThat(redos.getStatusCode().value()).isEqualTo(400);
    var badChoice =
        api.register(
            s.get("id"),
            Map.of(
                "id",
                "c",
                "question",
                "q",
                "answer",
                Map.of("type", "choice", "options", List.of("a", "b"), "correct", List.of(2))));
    assertThat(badChoice.getStatusCode().value()).isEqualTo(400);
    var badType =
        api.register(
            s.get("id"), Map.of("id", "t", "question", "q", "answer", Map.of("type", "eval")));
    assertThat(badType.getStatusCode().value()).isEqualTo(400);
    assertThat(api.adminList("/api/admin/sessions/" + s.get("id") + "/enigmas").getBody())
        .isEmpty();
    assertThat(api.admin("GET", "/api/admin/sessions/999999", null).getStatusCode().value())
        .isEqualTo(404);
  }

  @SuppressWarnings("unchecked")
  private long studentId(Map<String, Object> session, String nickname) {
    return ((List<Map<String, Object>>)
            api.adminList("/api/admin/sessions/" + session.get("id") + "/students").getBody())
        .stream()
            .filter(st -> nickname.equals(st.get("nickname")))
            .findFirst()
            .map(st -> ((Number) st.get("id")).longValue())
            .orElseThrow();
  }
}
