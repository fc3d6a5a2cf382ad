package dev.perfshop.server.pedagogy;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A student's own load-test script, in plain HTTP: a guest buys one unit of a product (GET the
 * product, GET the cart, POST the cart line, GET the cart, POST the order) with its agent code in
 * {@code X-Agent-Code} on the checkout. Correlating, it carries every token the shop hands out
 * (X-CSRF-Token, X-Step-Token, X-Action-Token from the latest response; a fresh X-Request-ID; an
 * X-Signature with the hinted key, level 1); naive, it sends none of them, as a recorded script.
 */
final class StudentScript {

  static final String BODY =
      "{\"email\":\"script@example.test\",\"shippingAddress\":{\"name\":\"Ada Lovelace\","
          + "\"line1\":\"12 St James's Square\",\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\","
          + "\"country\":\"GB\"},\"payment\":{\"cardNumber\":\"4242424242424242\","
          + "\"expiry\":\"12/39\",\"cvc\":\"123\"}}";
  private static final String[] CARRIED = {"X-CSRF-Token", "X-Step-Token", "X-Action-Token"};

  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  private final String base;
  private final boolean correlate;
  private final String agentCode;
  private final HttpClient http;
  private final Map<String, String> tokens = new HashMap<>();
  private String keyHint;
  private String lastKey;

  StudentScript(int port, boolean correlate, String agentCode) {
    this.base = "http://localhost:" + port;
    this.correlate = correlate;
    this.agentCode = agentCode;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  /** One checkout of the product; the status of the POST /api/orders (or of the first refusal). */
  int checkout(long productId) {
    HttpResponse<String> r = send("GET", "/api/products/" + productId, null, false);
    r = send("GET", "/api/cart", null, false);
    r = send("POST", "/api/cart/items", "{\"productId\":" + productId + ",\"quantity\":1}", false);
    if (r.statusCode() != 200) {
      return r.statusCode();
    }
    send("GET", "/api/cart", null, false);
    return send("POST", "/api/orders", BODY, true).statusCode();
  }

  /** The product with the most stock on the catalogue's first page. */
  @SuppressWarnings("unchecked")
  long product() {
    String body = send("GET", "/api/products?size=100", null, false).body();
    List<Map<String, Object>> items =
        (List<Map<String, Object>>) JSON.readValue(body, Map.class).get("items");
    return items.stream()
        .max(java.util.Comparator.comparingLong(p -> ((Number) p.get("stock")).longValue()))
        .map(p -> ((Number) p.get("id")).longValue())
        .orElseThrow();
  }

  HttpResponse<String> send(String method, String path, String body, boolean checkout) {
    String key = lastKey == null ? UUID.randomUUID().toString() : lastKey;
    lastKey = null;
    HttpResponse<String> r = once(method, path, body, checkout, key);
    // as the student page does: a token problem hands out a fresh token; one retry with it (the
    // refused request changed nothing, so the checkout keeps its Idempotency-Key)
    if (correlate && r.statusCode() >= 400 && r.body().contains("/problems/token-")) {
      r = once(method, path, body, checkout, key);
    }
    return r;
  }

  private HttpResponse<String> once(
      String method, String path, String body, boolean checkout, String idempotencyKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    b.header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (studentAgent != null) {
      b.header("X-Agent-Code", studentAgent);
    }
    if (webPage) {
      b.header("X-Perfshop-Client", "web");
    }
    if (classSession != null) {
      b.header("X-Perfshop-Session", classSession);
    }
    if (checkout) {
      b.header("Idempotency-Key", idempotencyKey);
      if (agentCode != null) {
        b.header("X-Agent-Code", agentCode);
      }
    }
    if (correlate) {
      tokens.forEach(b::header);
      b.header("X-Request-ID", UUID.randomUUID().toString());
      if (keyHint != null && body != null) {
        b.header("X-Signature", sign(keyHint, body));
      }
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (String h : CARRIED) {
        r.headers().firstValue(h).ifPresent(v -> tokens.put(h, v));
      }
      r.headers().firstValue("X-Key-Hint").ifPresent(v -> keyHint = v);
      return r;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The student's view of one enigma, read through the same client (the student API is under the
   * chaos too: the student page carries the tokens the same way).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> enigma(String agent, String key) {
    HttpResponse<String> r = student("GET", "/api/student/enigmas", null, agent);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return ((java.util.List<Map<String, Object>>) JSON.readValue(r.body(), java.util.List.class))
        .stream().filter(e -> key.equals(e.get("id"))).findFirst().orElseThrow();
  }

  /** A typed answer to an enigma: the status and the body as a map. */
  @SuppressWarnings("unchecked")
  Map.Entry<Integer, Map<String, Object>> answer(String agent, String key, String answer) {
    HttpResponse<String> r =
        student(
            "POST",
            "/api/student/enigmas/" + key + "/answer",
            JSON.writeValueAsString(Map.of("answer", answer)),
            agent);
    return Map.entry(r.statusCode(), JSON.readValue(r.body(), Map.class));
  }

  private HttpResponse<String> student(String method, String path, String body, String agent) {
    studentAgent = agent;
    try {
      return send(method, path, body, false);
    } finally {
      studentAgent = null;
    }
  }

  private String studentAgent;
  private String classSession;
  private boolean webPage;

  /** Sends what the web pages send on every request ({@code X-Perfshop-Client: web}). */
  StudentScript asWebPage() {
    this.webPage = true;
    return this;
  }

  /**
   * Names the class session on every request ({@code X-Perfshop-Session}, session-scoped chaos).
   */
  StudentScript inSession(Object sessionId) {
    this.classSession = String.valueOf(sessionId);
    return this;
  }

  /** A checkout with this Idempotency-Key (to replay one). */
  HttpResponse<String> sendWithKey(String path, String body, String key) {
    lastKey = key;
    String used = key;
    HttpResponse<String> r = send("POST", path, body, true);
    lastKey = null;
    remembered = used;
    return r;
  }

  private String remembered;

  String lastKey() {
    return remembered;
  }

  /** body-signature level 1: the hint is the key in hex, the raw body is signed. */
  static String sign(String hexKey, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "00";
    }
  }
}
