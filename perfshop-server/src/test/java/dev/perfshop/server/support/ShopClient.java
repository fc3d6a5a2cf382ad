package dev.perfshop.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One shopper (a browser, as far as the server can tell): real HTTP to the test server, with its
 * own cookie jar. Many shoppers may share one {@link HttpClient}.
 */
public final class ShopClient {

  public static final HttpClient SHARED =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A response: status, headers, raw body, and the body parsed as JSON (null if not JSON). */
  public record Response(int status, HttpResponse<String> raw, String body, JsonNode json) {
    public String contentType() {
      return raw.headers().firstValue("Content-Type").orElse("");
    }

    public String problemType() {
      return json == null || json.get("type") == null
          ? null
          : json.get("type").asString().replace("https://perfshop.dev/problems/", "");
    }

    public List<String> setCookies() {
      return raw.headers().allValues("Set-Cookie");
    }
  }

  private final HttpClient http;
  private final String base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public ShopClient(int port) {
    this(SHARED, port);
  }

  public ShopClient(HttpClient http, int port) {
    this.http = http;
    this.base = "http://localhost:" + port;
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  public Response get(String path) {
    return send("GET", path, null, "application/json", Map.of());
  }

  public Response delete(String path) {
    return send("DELETE", path, null, "application/json", Map.of());
  }

  public Response post(String path, Object body) {
    return post(path, body, Map.of());
  }

  public Response post(String path, Object body, Map<String, String> headers) {
    return send("POST", path, body, "application/json", headers);
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body, "application/json", Map.of());
  }

  /** Any method, body (a String is sent as is, anything else as JSON) and content type. */
  public Response send(
      String method, String path, Object body, String contentType, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    String text =
        body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    request.method(
        method,
        text == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text));
    if (text != null) {
      request.header("Content-Type", contentType);
    }
    request.header("Accept", "application/json, application/problem+json");
    headers.forEach(request::header);
    synchronized (cookies) {
      if (!cookies.isEmpty()) {
        request.header(
            "Cookie",
            String.join(
                "; ",
                cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      remember(response.headers().allValues("Set-Cookie"));
      JsonNode json = null;
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (type.contains("json") && !response.body().isEmpty()) {
        json = JSON.readTree(response.body());
      }
      return new Response(response.statusCode(), response, response.body(), json);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " interrupted", e);
    }
  }

  private void remember(List<String> setCookies) {
    synchronized (cookies) {
      for (String header : setCookies) {
        String[] parts = header.split(";");
        String[] pair = parts[0].split("=", 2);
        boolean expired = header.toLowerCase().contains("max-age=0") || pair[1].isEmpty();
        if (expired) {
          cookies.remove(pair[0].strip());
        } else {
          cookies.put(pair[0].strip(), pair[1].strip());
        }
      }
    }
  }
}
