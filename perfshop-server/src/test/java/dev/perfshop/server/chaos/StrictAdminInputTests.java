package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.RawHttp;
import dev.perfshop.server.support.TestAdmin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API takes strict JSON only and refuses what it cannot honour exactly, with a problem
 * that names the field; a refused request changes neither the chaos state nor the audit log. Bodies
 * are written byte for byte on a raw socket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrictAdminInputTests {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  ChaosHttp api;

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
  }

  @Test
  void aKeyGivenTwiceIsAMalformedBodyNotTheLastOneWins() throws Exception {
    Map<String, Object> p = refused(put("application/json", utf8("{\"level\":1,\"level\":5}")));
    assertThat(p).containsEntry("status", 400);
    assertThat(p.get("type")).isEqualTo("https://perfshop.dev/problems/malformed-body");
    assertThat((String) p.get("detail")).contains("'level'");
  }

  @Test
  void bodiesMustBeUtf8WithoutAByteOrderMark() throws Exception {
    byte[] json = utf8("{\"level\":1}");
    byte[] bom = new byte[json.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(json, 0, bom, 3, json.length);
    assertThat(refused(put("application/json", bom))).containsEntry("status", 400);
    assertThat(
            refused(
                put("application/json", "\uFEFF{\"level\":1}".getBytes(StandardCharsets.UTF_16LE))))
        .containsEntry("status", 400);
    assertThat(
            refused(put("application/json", "{\"level\":1}".getBytes(StandardCharsets.UTF_16BE))))
        .containsEntry("status", 400);
    assertThat(refused(put("application/json", new byte[] {'{', '"', 'l', (byte) 0xc0, '"', '}'})))
        .containsEntry("status", 400);
    assertThat(refused(put("application/json; charset=utf-16", json))).containsEntry("status", 415);
    assertThat(refused(put("application/json; charset=no-such-charset", json)))
        .as("a charset Java does not know is a client mistake, not a 500")
        .containsEntry("status", 415);
  }

  @Test
  void onlyJsonContentTypesAreAccepted() throws Exception {
    for (String type :
        List.of(
            "application/yaml",
            "text/plain",
            "application/x-www-form-urlencoded",
            "*/*",
            "application/*")) {
      Map<String, Object> p = refused(put(type, utf8("level: 1")));
      assertThat(p).as(type).containsEntry("status", 415);
      assertThat(p.get("type")).isEqualTo("https://perfshop.dev/problems/unsupported-media-type");
    }
  }

  @Test
  void badFieldsAreRefusedWithAProblemNamingTheField() throws Exception {
    String archived = api.liveSession("archived class");
    api.http
        .post()
        .uri("/api/admin/sessions/{id}/archive", archived)
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .retrieve()
        .toBodilessEntity();
    String live = api.liveSession("live class");
    String agent = api.enrolledAgent(live, "student");
    String forged = agent.substring(0, agent.length() - 1) + (agent.endsWith("A") ? "B" : "A");
    Map<String, String> fieldOf =
        Map.of(
            "{\"level\":null}",
            "level",
            "{\"level\":1,\"ttl\":\"15 m\"}",
            "ttl",
            "{\"level\":1,\"ttl\":\" 15m\"}",
            "ttl",
            "{\"level\":1,\"ttl\":null}",
            "ttl",
            "{\"level\":1,\"sessionId\":\"999999\"}",
            "sessionId",
            "{\"level\":1,\"sessionId\":\"" + archived + "\"}",
            "sessionId",
            "{\"level\":1,\"sessionId\":\"class-7\"}",
            "sessionId",
            "{\"level\":1,\"agentCode\":\"AGENT-1\"}",
            "agentCode",
            "{\"level\":1,\"agentCode\":\"" + forged + "\"}",
            "agentCode");
    for (var c : fieldOf.entrySet()) {
      Map<String, Object> p = refused(put("application/json", utf8(c.getKey())));
      assertThat(p).as(c.getKey()).containsEntry("status", 400);
      assertThat(p.get("type")).isEqualTo("https://perfshop.dev/problems/validation");
      assertThat(fields(p)).as(c.getKey()).containsExactly(c.getValue());
    }
    // the same ids, when they are real, are accepted
    assertThat(
            accepted(put("application/json", utf8("{\"level\":1,\"sessionId\":\"" + live + "\"}"))))
        .containsEntry("scope", Map.of("kind", "session", "id", live));
    assertThat(
            accepted(
                put("application/json", utf8("{\"level\":1,\"agentCode\":\"" + agent + "\"}"))))
        .extracting(a -> ((Map<?, ?>) a.get("scope")).get("kind"))
        .isEqualTo("agent");
  }

  @Test
  void anInvalidActorIsRefusedNotReplaced() throws Exception {
    String badActor = "X-Perfshop-Actor: <script>\r\n";
    Map<String, Object> p =
        refused(request("PUT /api/admin/chaos/latency", badActor + json(), utf8("{\"level\":1}")));
    assertThat(fields(p)).containsExactly("X-Perfshop-Actor");
    api.enable("latency", Map.of("level", 1));
    Map<String, Object> activations = state();
    Map<String, Object> refusedDelete =
        refused(request("DELETE /api/admin/chaos/latency", badActor, new byte[0]));
    assertThat(fields(refusedDelete)).containsExactly("X-Perfshop-Actor");
    assertThat(state()).isEqualTo(activations);
    // halt must always work: it stops everything and records the default actor
    RawHttp.Response halt =
        RawHttp.exchange(null, port, request("POST /api/admin/chaos/halt", badActor, new byte[0]));
    assertThat(halt.status()).isEqualTo(200);
    assertThat(api.activations()).isEmpty();
    assertThat(api.audit(1).getFirst())
        .containsEntry("action", "halt")
        .containsEntry("actor", "admin");
  }

  @Test
  void theAuditLimitIsBounded() throws Exception {
    for (String limit : List.of("0", "501", "-1")) {
      RawHttp.Response res =
          RawHttp.exchange(
              null, port, request("GET /api/admin/chaos/audit?limit=" + limit, "", new byte[0]));
      assertThat(res.status()).as(limit).isEqualTo(400);
      assertThat(fields(parse(res))).as(limit).containsExactly("limit");
    }
    assertThat(api.audit(ChaosAdminController.MAX_AUDIT_LIMIT)).isNotNull();
  }

  // --- helpers

  private byte[] put(String contentType, byte[] body) {
    return request("PUT /api/admin/chaos/latency", "Content-Type: " + contentType + "\r\n", body);
  }

  private static String json() {
    return "Content-Type: application/json\r\n";
  }

  private static byte[] request(String line, String headers, byte[] body) {
    String h = "X-Admin-Token: " + TestAdmin.TOKEN + "\r\n" + headers;
    if (body.length > 0 || line.startsWith("POST") || line.startsWith("PUT")) {
      h += "Content-Length: " + body.length + "\r\n";
    }
    return RawHttp.request(line + " HTTP/1.1", h, body);
  }

  /** Sends a request that must be refused, and checks that it changed nothing. */
  private Map<String, Object> refused(byte[] request) throws Exception {
    Map<String, Object> before = state();
    List<Map<String, Object>> audit = api.audit(ChaosAdminController.MAX_AUDIT_LIMIT);
    RawHttp.Response res = RawHttp.exchange(null, port, request);
    assertThat(res.status()).isBetween(400, 499);
    assertThat(res.header("Content-Type")).startsWith("application/problem+json");
    assertThat(state()).as("chaos state unchanged").isEqualTo(before);
    assertThat(api.audit(ChaosAdminController.MAX_AUDIT_LIMIT))
        .as("audit unchanged")
        .isEqualTo(audit);
    return parse(res);
  }

  /** The chaos status without the seconds left, which tick on their own. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> state() {
    Map<String, Object> status = new java.util.HashMap<>(api.status());
    status.put(
        "activations",
        ((List<Map<String, Object>>) status.get("activations"))
            .stream()
                .map(
                    a -> {
                      Map<String, Object> copy = new java.util.HashMap<>(a);
                      copy.remove("remainingSeconds");
                      return copy;
                    })
                .toList());
    return status;
  }

  private Map<String, Object> accepted(byte[] request) throws Exception {
    RawHttp.Response res = RawHttp.exchange(null, port, request);
    assertThat(res.status()).as(res.body()).isEqualTo(200);
    return parse(res);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(RawHttp.Response res) {
    return JSON.readValue(res.body(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> fields(Map<String, Object> problem) {
    return ((List<Map<String, Object>>) problem.get("errors"))
        .stream().map(e -> e.get("field")).toList();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
