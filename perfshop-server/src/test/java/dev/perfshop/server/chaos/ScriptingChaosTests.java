package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.catalog.ProductRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Each scripting type at level 1 and 5 through the HTTP API, and gone once disabled. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChaosTestConfig.class)
class ScriptingChaosTests {

  static final String PROBLEMS = "https://perfshop.dev/problems/";

  @LocalServerPort int port;
  @Autowired ProductRepository products;
  ChaosHttp api;
  long productId;

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
    productId = products.findAll().getFirst().getId();
  }

  @AfterEach
  void tearDown() {
    api.halt();
  }

  private void enable(String type, int level) {
    assertThat(
            api.enable(type, Map.of("level", level, "routes", List.of("/api/products/*/reviews")))
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  private ResponseEntity<String> get(String header, String value) {
    var req = api.http.get().uri("/api/products/{id}/reviews", productId);
    if (value != null) {
      req = req.header(header, value);
    }
    return req.retrieve().toEntity(String.class);
  }

  private ResponseEntity<String> post(String header, String value) {
    var req =
        api.http
            .post()
            .uri("/api/products/{id}/reviews", productId)
            .contentType(MediaType.APPLICATION_JSON);
    if (value != null) {
      req = req.header(header, value);
    }
    return req.body(Map.of("author", "bot", "rating", 3, "body", "scripted"))
        .retrieve()
        .toEntity(String.class);
  }

  private static void assertProblem(ResponseEntity<String> res, int status, String type) {
    assertThat(res.getStatusCode().value()).isEqualTo(status);
    assertThat(res.getBody()).contains(PROBLEMS + type);
  }

  @Test
  void csrfTokenIsReusableAtLevel1AndSingleUseOnEveryMethodAtLevel5() {
    String h = "X-CSRF-Token";
    enable("csrf-token", 1);
    assertProblem(post(h, null), 428, "token-missing");
    String token = get(h, null).getHeaders().getFirst(h);
    assertThat(token).isNotBlank();
    assertThat(post(h, token).getStatusCode().value()).isEqualTo(201);
    assertThat(post(h, token).getStatusCode().value()).as("reusable").isEqualTo(201);
    assertProblem(post(h, "forged.token"), 403, "token-invalid");

    enable("csrf-token", 5);
    var first = get(h, null);
    assertProblem(first, 428, "token-missing");
    String t1 = first.getHeaders().getFirst(h);
    var ok = get(h, t1);
    assertThat(ok.getStatusCode().value()).isEqualTo(200);
    assertProblem(get(h, t1), 409, "token-replayed");
    String t2 = ok.getHeaders().getFirst(h);
    ChaosTestConfig.CLOCK.advance(Duration.ofSeconds(16));
    assertProblem(post(h, t2), 403, "token-expired");

    api.disable("csrf-token");
    assertThat(post(h, null).getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void sessionTokenMustBeSentOnEveryRequestAndRotates() {
    String h = "X-Session-Token";
    enable("session-token", 1);
    var first = get(h, null);
    assertProblem(first, 428, "token-missing");
    String t = first.getHeaders().getFirst(h);
    assertThat(get(h, t).getStatusCode().value()).isEqualTo(200);
    assertThat(get(h, t).getStatusCode().value()).isEqualTo(200);
    enable("session-token", 5);
    var ok = get(h, t);
    assertThat(ok.getStatusCode().value()).isEqualTo(200);
    assertProblem(get(h, t), 409, "token-replayed");
    String next = ok.getHeaders().getFirst(h);
    assertThat(next).isNotEqualTo(t);
    assertThat(get(h, next).getStatusCode().value()).isEqualTo(200);
    api.disable("session-token");
    assertThat(get(h, null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void stepTokenChainMustBeFollowedStepByStep() {
    String h = "X-Step-Token";
    enable("step-token", 1);
    assertThat(get(h, null).getStatusCode().value())
        .as("safe requests pass at level 1")
        .isEqualTo(200);
    String s1 = get(h, null).getHeaders().getFirst(h);
    var posted = post(h, s1);
    assertThat(posted.getStatusCode().value()).isEqualTo(201);
    assertProblem(post(h, s1), 409, "token-replayed");
    String s2 = posted.getHeaders().getFirst(h);
    assertThat(post(h, s2).getStatusCode().value()).isEqualTo(201);

    enable("step-token", 5);
    var start = get(h, null);
    assertProblem(start, 428, "token-missing");
    String a = start.getHeaders().getFirst(h);
    var b = get(h, a);
    assertThat(b.getStatusCode().value()).isEqualTo(200);
    var c = get(h, b.getHeaders().getFirst(h));
    assertThat(c.getStatusCode().value()).isEqualTo(200);
    assertProblem(get(h, a), 409, "token-replayed");
    api.disable("step-token");
    assertThat(post(h, null).getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void actionTokenIsOneTimeAndIssuedOnSafeResponses() {
    String h = "X-Action-Token";
    enable("action-token", 1);
    assertProblem(post(h, null), 428, "token-missing");
    String token = get(h, null).getHeaders().getFirst(h);
    assertThat(post(h, token).getStatusCode().value()).isEqualTo(201);
    assertProblem(post(h, token), 409, "token-replayed");
    enable("action-token", 5);
    String fresh = get(h, null).getHeaders().getFirst(h);
    ChaosTestConfig.CLOCK.advance(Duration.ofSeconds(6));
    assertProblem(post(h, fresh), 403, "token-expired");
    api.disable("action-token");
    assertThat(post(h, null).getStatusCode().value()).isEqualTo(201);
  }

  private ResponseEntity<String> signedPost(String body, String signature) {
    var req =
        api.http
            .post()
            .uri("/api/products/{id}/reviews", productId)
            .contentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      req = req.header("X-Signature", signature);
    }
    return req.body(body).retrieve().toEntity(String.class);
  }

  private static String hmac(byte[] key, String text) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    return java.util.HexFormat.of()
        .formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void bodySignatureMustBeTheHmacOfTheBodyWithTheHintedKey() throws Exception {
    String body = "{\"author\":\"signer\",\"rating\":4,\"body\":\"signed\"}";
    enable("body-signature", 1);
    assertProblem(signedPost(body, null), 428, "token-missing");
    String hint = get("X-Key-Hint", null).getHeaders().getFirst("X-Key-Hint");
    byte[] key = java.util.HexFormat.of().parseHex(hint);
    assertThat(signedPost(body, hmac(key, body)).getStatusCode().value()).isEqualTo(201);
    assertProblem(signedPost(body, hmac(key, body + " ")), 403, "token-invalid");

    enable("body-signature", 5);
    String id = get("X-Key-Hint", null).getHeaders().getFirst("X-Key-Hint");
    assertThat(id).startsWith("k");
    byte[] derived =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(("perfshop:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String path = "/api/products/" + productId + "/reviews";
    assertThat(
            signedPost(body, hmac(derived, "POST\n" + path + "\n" + body)).getStatusCode().value())
        .isEqualTo(201);
    assertProblem(signedPost(body, hmac(derived, body)), 403, "token-invalid");
    api.disable("body-signature");
    assertThat(signedPost(body, null).getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void requestIdMustBePresentAtLevel1AndAFreshV4UuidAtLevel5() {
    String h = "X-Request-ID";
    enable("request-id", 1);
    assertProblem(get(h, null), 428, "token-missing");
    assertThat(get(h, "script-0001").getStatusCode().value()).isEqualTo(200);
    assertThat(get(h, "script-0001").getStatusCode().value()).as("reuse allowed").isEqualTo(200);
    enable("request-id", 5);
    assertProblem(get(h, "script-0002"), 403, "token-invalid");
    String id = UUID.randomUUID().toString();
    assertThat(get(h, id).getStatusCode().value()).isEqualTo(200);
    assertProblem(get(h, id), 409, "token-replayed");
    api.disable("request-id");
    assertThat(get(h, null).getStatusCode().value()).isEqualTo(200);
  }
}
