package dev.perfshop.server.pedagogy;

import dev.perfshop.server.support.TestAdmin;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A small HTTP client for the pedagogy API, as an instructor and as students. */
final class Api {

  private final RestClient http;

  Api(int port) {
    this.http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
            .build();
  }

  RestClient http() {
    return http;
  }

  // --- instructor

  ResponseEntity<Map> admin(String method, String path, Object body) {
    var spec =
        http.method(org.springframework.http.HttpMethod.valueOf(method))
            .uri(path)
            .header(TestAdmin.HEADER, TestAdmin.TOKEN);
    if (body != null) {
      spec = spec.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return spec.retrieve().toEntity(Map.class);
  }

  ResponseEntity<Object> adminAny(String method, String path) {
    return http.method(org.springframework.http.HttpMethod.valueOf(method))
        .uri(path)
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .toEntity(Object.class);
  }

  ResponseEntity<List> adminList(String path) {
    return http.get()
        .uri(path)
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .toEntity(List.class);
  }

  /** Creates a session with an open student page and returns it. */
  Map<String, Object> openSession(String name, String level) {
    var created = admin("POST", "/api/admin/sessions", Map.of("name", name, "level", level));
    if (!created.getStatusCode().is2xxSuccessful()) {
      throw new AssertionError("creating session " + name + " failed: " + created);
    }
    var opened =
        admin("POST", "/api/admin/sessions/" + created.getBody().get("id") + "/open", null);
    if (!opened.getStatusCode().is2xxSuccessful() || opened.getBody().get("joinCode") == null) {
      throw new AssertionError("opening session " + name + " failed: " + opened);
    }
    return opened.getBody();
  }

  ResponseEntity<Map> register(Object sessionId, Map<String, Object> enigma) {
    return admin("POST", "/api/admin/sessions/" + sessionId + "/enigmas", enigma);
  }

  // --- student

  ResponseEntity<Map> join(Object code, String nickname) {
    return http.post()
        .uri("/api/student/join")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("code", code, "nickname", nickname))
        .retrieve()
        .toEntity(Map.class);
  }

  String agent(Object code, String nickname) {
    return (String) join(code, nickname).getBody().get("agentCode");
  }

  ResponseEntity<Map> me(String agent) {
    return http.get()
        .uri("/api/student/me")
        .header("X-Agent-Code", agent)
        .retrieve()
        .toEntity(Map.class);
  }

  ResponseEntity<Object> enigmas(String agent) {
    return http.get()
        .uri("/api/student/enigmas")
        .header("X-Agent-Code", agent)
        .retrieve()
        .toEntity(Object.class);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> enigma(String agent, String id) {
    return ((List<Map<String, Object>>) (List<?>) enigmas(agent).getBody())
        .stream().filter(e -> id.equals(e.get("id"))).findFirst().orElseThrow();
  }

  ResponseEntity<Map> answer(String agent, String id, Object answer) {
    Map<String, Object> body =
        answer instanceof List<?> choices ? Map.of("choices", choices) : Map.of("answer", answer);
    return http.post()
        .uri("/api/student/enigmas/{id}/answer", id)
        .header("X-Agent-Code", agent)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(Map.class);
  }

  ResponseEntity<Map> hint(String agent, String id) {
    return http.post()
        .uri("/api/student/enigmas/{id}/hints", id)
        .header("X-Agent-Code", agent)
        .retrieve()
        .toEntity(Map.class);
  }

  static Map<String, Object> routeEnigma(String id, String route, List<String> hints) {
    return Map.of(
        "id",
        id,
        "question",
        "Which route is slow?",
        "answer",
        Map.of("type", "route", "route", route),
        "hints",
        hints);
  }
}
