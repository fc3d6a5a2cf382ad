package dev.perfshop.cli.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One virtual customer: its own cookies and, when asked to correlate, the scripting tokens the
 * server hands out (X-CSRF-Token, X-Session-Token, X-Step-Token, X-Action-Token) sent back on the
 * next request — as a real front end or a well-written load script would. Every request carries a
 * fresh X-Request-ID.
 */
final class Shopper {

  static final List<String> CORRELATED =
      List.of("X-CSRF-Token", "X-Session-Token", "X-Step-Token", "X-Action-Token");

  /** The answer to one request: status, body and when it was meant to start (nanoTime). */
  record Reply(int status, String body, HttpHeaders headers) {}

  private final HttpClient http;
  private final URI base;
  private final boolean correlate;
  private final Map<String, String> cookies = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();

  Shopper(HttpClient http, URI base, boolean correlate) {
    this(http, base, correlate, null);
  }

  /** A shopper of a class session's traffic: it carries the {@code perfshop_session} cookie. */
  Shopper(HttpClient http, URI base, boolean correlate, String session) {
    this.http = http;
    this.base = base;
    this.correlate = correlate;
    if (session != null) {
      cookies.put("perfshop_session", session);
    }
  }

  Reply send(String method, String path, String jsonBody, Map<String, String> extraHeaders)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .header("X-Request-ID", UUID.randomUUID().toString());
    if (!cookies.isEmpty()) {
      b.header(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    if (correlate) {
      tokens.forEach(b::header);
    }
    extraHeaders.forEach(b::header);
    if (jsonBody == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    for (String c : res.headers().allValues("Set-Cookie")) {
      String pair = c.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty() || c.toLowerCase().contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
    }
    if (correlate) {
      for (String h : CORRELATED) {
        res.headers().firstValue(h).ifPresent(v -> tokens.put(h, v));
      }
    }
    return new Reply(res.statusCode(), res.body(), res.headers());
  }
}
