package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.TestAdmin;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** The instructor's class console over HTTP: message, freeze, time to detect, grades, debrief. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class ClassConsoleTests {

  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  private ResponseEntity<byte[]> raw(String path) {
    return api.http()
        .get()
        .uri(path)
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .toEntity(byte[].class);
  }

  private Map<String, Object> session(String name) {
    Map<String, Object> s = api.openSession(name, "BAC1");
    api.register(
        s.get("id"), Api.routeEnigma("slow", "GET /api/products/{id}", List.of("Sort by p95.")));
    api.register(s.get("id"), Api.routeEnigma("other", "GET /api/cart", List.of()));
    return s;
  }

  @Test
  void aBroadcastMessageReachesEveryStudentAndABlankOneClearsIt() {
    Map<String, Object> s = session("message");
    String base = "/api/admin/sessions/" + s.get("id");
    String agent = api.agent(s.get("joinCode"), "Ada");
    var sent = api.admin("POST", base + "/message", Map.of("message", "Look at the p95 — now"));
    assertThat(sent.getBody()).containsEntry("message", "Look at the p95 — now");
    assertThat(api.me(agent).getBody()).containsEntry("message", "Look at the p95 — now");

    assertThat(
            api.admin("POST", base + "/message", Map.of("message", "x".repeat(501)))
                .getStatusCode()
                .value())
        .isEqualTo(400);
    assertThat(api.me(agent).getBody()).containsEntry("message", "Look at the p95 — now");

    api.admin("POST", base + "/message", Map.of("message", "  "));
    assertThat(api.me(agent).getBody()).doesNotContainKey("message");
  }

  @Test
  void aFrozenScoreboardShowsStudentsTheStandingsOfThatMomentWhileTheInstructorSeesLive() {
    Map<String, Object> s = session("freeze");
    String base = "/api/admin/sessions/" + s.get("id");
    String ada = api.agent(s.get("joinCode"), "Ada");
    String bob = api.agent(s.get("joinCode"), "Bob");
    api.answer(ada, "slow", "GET /api/products/1");
    assertThat(api.admin("POST", base + "/scoreboard/freeze", null).getBody())
        .containsKey("frozenAt");
    api.answer(bob, "slow", "GET /api/products/1");
    api.answer(bob, "other", "GET /api/cart");

    List<Map<String, Object>> seen = (List<Map<String, Object>>) (List<?>) studentBoard(bob);
    assertThat(seen.getFirst()).containsEntry("nickname", "Ada").containsEntry("stars", 3);
    assertThat(seen.get(1)).containsEntry("nickname", "Bob").containsEntry("stars", 0);
    assertThat(api.me(bob).getBody())
        .containsEntry("scoreboardFrozen", true)
        .containsEntry("stars", 6);

    Map<String, Object> progress = api.admin("GET", base + "/progress", null).getBody();
    assertThat((List<Map<String, Object>>) progress.get("leaderboard"))
        .first()
        .satisfies(r -> assertThat(r).containsEntry("nickname", "Bob").containsEntry("stars", 6));
    assertThat((List<Map<String, Object>>) progress.get("scoreboard"))
        .first()
        .satisfies(r -> assertThat(r).containsEntry("nickname", "Ada"));

    api.admin("POST", base + "/scoreboard/thaw", null);
    assertThat(((Map<String, Object>) (Map<?, ?>) studentBoard(bob).getFirst()))
        .containsEntry("nickname", "Bob");
  }

  private List<Object> studentBoard(String agent) {
    return api.http()
        .get()
        .uri("/api/student/leaderboard")
        .header("X-Agent-Code", agent)
        .retrieve()
        .toEntity(List.class)
        .getBody();
  }

  @Test
  void closingTheClassFreezesTheScoreboardAndStudentsKeepTheirFinalState() {
    Map<String, Object> s = session("end");
    String base = "/api/admin/sessions/" + s.get("id");
    String ada = api.agent(s.get("joinCode"), "Ada");
    String bob = api.agent(s.get("joinCode"), "Bob");
    api.answer(bob, "slow", "GET /api/products/1");
    var closed = api.admin("POST", base + "/close", null).getBody();
    assertThat(closed).containsEntry("studentPage", "closed").containsKey("frozenAt");
    assertThat(api.me(ada).getBody())
        .containsEntry("studentPage", "closed")
        .containsEntry("rank", 2)
        .containsEntry("students", 2)
        .containsEntry("stars", 0);
    assertThat(api.answer(ada, "slow", "GET /api/products/1").getStatusCode().value())
        .isEqualTo(403);
    assertThat(api.me("0000-0000-0000-0000-0000-0000-0000-0000").getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void timeToDetectRunsFromTheAnomalysStartToEachStudentsFirstCorrectAnswer() {
    Map<String, Object> s = api.openSession("ttd", "BAC1");
    Object id = s.get("id");
    String base = "/api/admin/sessions/" + id;
    Map<String, Object> enigma =
        new HashMap<>(Api.routeEnigma("where", "GET /api/products/{id}", List.of("p95")));
    enigma.put("scenarioId", "ttd-run");
    assertThat(api.register(id, enigma).getStatusCode().value()).isEqualTo(201);
    String ada = api.agent(s.get("joinCode"), "Ada");
    api.agent(s.get("joinCode"), "Bob");
    var on =
        api.admin(
            "PUT",
            "/api/admin/chaos/latency",
            Map.of("level", 1, "ttl", "1m", "scenarioId", "ttd-run"));
    assertThat(on.getStatusCode().value()).isEqualTo(200);
    try {
      api.answer(ada, "ttd-run.where", "GET /api/products/3");
    } finally {
      api.admin("DELETE", "/api/admin/chaos/latency", null);
    }
    Map<String, Object> progress = api.admin("GET", base + "/progress", null).getBody();
    List<Map<String, Object>> detections = (List<Map<String, Object>>) progress.get("detections");
    assertThat(detections).hasSize(1);
    Map<String, Object> d = detections.getFirst();
    assertThat(d)
        .containsEntry("anomaly", "latency")
        .containsEntry("scenarioId", "ttd-run")
        .containsEntry("enigmas", List.of("ttd-run.where"))
        .containsKey("startedAt")
        .containsKey("endedAt");
    Map<String, Object> spread = (Map<String, Object>) d.get("spread");
    assertThat(spread).containsEntry("detected", 1).containsEntry("students", 2);
    assertThat(((Number) spread.get("medianSeconds")).doubleValue()).isBetween(0.0, 30.0);
    assertThat((List<Map<String, Object>>) d.get("students"))
        .anySatisfy(
            st -> assertThat(st).containsEntry("nickname", "Bob").doesNotContainKey("seconds"));

    String csv = new String(raw(base + "/export?format=csv").getBody(), StandardCharsets.UTF_8);
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo(
            "nickname,student_id,\"ttd-run.where\",total,solved,hints_taken,wrong_answers,time_to_detect_s");
    assertThat(csv).containsPattern("\"Ada\",\\d+,3,3,1,0,0,\\d+\\.\\d");

    String md = new String(raw(base + "/report?format=md").getBody(), StandardCharsets.UTF_8);
    assertThat(md)
        .contains("# Debrief — ttd")
        .contains("enable latency level 1 (scenario ttd-run)")
        .contains("ttd-run.where first solved by Ada")
        .contains("Detected by 1 of 2 student(s)");
    var html = raw(base + "/report?format=html");
    assertThat(html.getHeaders().getContentType().toString()).startsWith("text/html");
  }

  @Test
  void theGradebookCsvHasOneRowPerStudentAndAByteOrderMarkOnRequest() {
    Map<String, Object> s = session("grades — été");
    String base = "/api/admin/sessions/" + s.get("id");
    String ada = api.agent(s.get("joinCode"), "Zoé");
    api.agent(s.get("joinCode"), "Bob");
    api.answer(ada, "slow", "GET /api/products/1");

    var plain = raw(base + "/export?format=csv");
    assertThat(plain.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains(".csv");
    byte[] bytes = raw(base + "/export?format=csv&bom=true").getBody();
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String csv = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(csv.split("\r\n"))
        .containsExactly(
            "nickname,student_id,\"slow\",\"other\",total,solved,hints_taken,wrong_answers,time_to_detect_s",
            "\"Zoé\"," + studentId(s, "Zoé") + ",3,0,3,1,0,0,",
            "\"Bob\"," + studentId(s, "Bob") + ",0,0,0,0,0,0,");
    assertThat(raw(base + "/export?format=xlsx").getStatusCode().value()).isEqualTo(400);
    assertThat(raw(base + "/export?format=csv&layout=wide").getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void theCtfdSetCarriesNameCategoryValueFromStarsAndHintsWithTheirCost() {
    Map<String, Object> s = api.openSession("ctfd", "BAC2");
    String base = "/api/admin/sessions/" + s.get("id");
    assertThat(
            api.http()
                .post()
                .uri(base + "/enigmas/library")
                .header(TestAdmin.HEADER, TestAdmin.TOKEN)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("scenarioId", "cpu-hog", "open", true))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(201);
    String key =
        (String)
            ((Map<String, Object>)
                    (Map<?, ?>) api.adminList(base + "/enigmas").getBody().getFirst())
                .get("key");
    api.admin("POST", base + "/enigmas/" + key + "/hints/release", null);
    Map<String, Object> set = api.admin("GET", base + "/export?format=ctfd", null).getBody();
    List<Map<String, Object>> challenges = (List<Map<String, Object>>) set.get("challenges");
    assertThat(challenges).hasSize(api.adminList(base + "/enigmas").getBody().size()).isNotEmpty();
    Map<String, Object> first = challenges.getFirst();
    assertThat(first)
        .containsEntry("name", key)
        .containsEntry("category", "performance")
        .containsEntry("type", "standard")
        .containsEntry("state", "visible");
    assertThat(((Number) first.get("value")).intValue()).isEqualTo(300);
    List<Map<String, Object>> hints = (List<Map<String, Object>>) first.get("hints");
    assertThat(hints).isNotEmpty();
    assertThat(hints.getFirst()).containsEntry("cost", 0);
    if (hints.size() > 1) {
      assertThat(hints.get(1)).containsEntry("cost", 100);
    }
  }

  private long studentId(Map<String, Object> s, String nickname) {
    return ((Number)
            ((List<Map<String, Object>>)
                    (List<?>)
                        api.adminList("/api/admin/sessions/" + s.get("id") + "/students").getBody())
                .stream()
                    .filter(st -> nickname.equals(st.get("nickname")))
                    .findFirst()
                    .orElseThrow()
                    .get("id"))
        .longValue();
  }
}
