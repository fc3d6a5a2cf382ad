package dev.perfshop.server.chaos;

import dev.perfshop.server.support.TestAdmin;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** A small HTTP client for chaos tests: admin calls carry the test admin token. */
final class ChaosHttp {

  final RestClient http;

  ChaosHttp(int port) {
    this.http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
            .build();
  }

  @SuppressWarnings("rawtypes")
  ResponseEntity<Map> enable(String type, Map<String, Object> body) {
    return http.put()
        .uri("/api/admin/chaos/{type}", type)
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .header("X-Perfshop-Actor", "test-instructor")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(Map.class);
  }

  @SuppressWarnings("rawtypes")
  ResponseEntity<Map> disable(String type) {
    return http.delete()
        .uri("/api/admin/chaos/{type}", type)
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .toEntity(Map.class);
  }

  @SuppressWarnings("rawtypes")
  ResponseEntity<Map> halt() {
    return http.post()
        .uri("/api/admin/chaos/halt")
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .toEntity(Map.class);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> status() {
    return http.get()
        .uri("/api/admin/chaos")
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .body(Map.class);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> activations() {
    return (List<Map<String, Object>>) status().get("activations");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> audit(int limit) {
    return http.get()
        .uri("/api/admin/chaos/audit?limit={l}", limit)
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .body(List.class);
  }

  /** A live class session (its id, as chaos scopes take it) with an open student page. */
  @SuppressWarnings("unchecked")
  String liveSession(String name) {
    Map<String, Object> s =
        http.post()
            .uri("/api/admin/sessions")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", name, "level", "BAC1"))
            .retrieve()
            .body(Map.class);
    http.post()
        .uri("/api/admin/sessions/{id}/open", s.get("id"))
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .toBodilessEntity();
    return String.valueOf(s.get("id"));
  }

  /** The agent code of a student who joins the session {@code sessionId}. */
  @SuppressWarnings("unchecked")
  String enrolledAgent(String sessionId, String nickname) {
    Map<String, Object> s =
        http.get()
            .uri("/api/admin/sessions/{id}", sessionId)
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .retrieve()
            .body(Map.class);
    Map<String, Object> joined =
        http.post()
            .uri("/api/student/join")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("code", s.get("joinCode"), "nickname", nickname))
            .retrieve()
            .body(Map.class);
    return (String) joined.get("agentCode");
  }

  ResponseEntity<String> get(String uri) {
    return http.get().uri(uri).retrieve().toEntity(String.class);
  }
}
