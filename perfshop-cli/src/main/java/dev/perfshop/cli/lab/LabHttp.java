package dev.perfshop.cli.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP to the lab's backends (Prometheus, Loki, Tempo, Grafana…) for {@code lab verify}: a
 * failure is an answer to report, never an exception, so one unreachable backend is one failed
 * check.
 */
final class LabHttp {

  /** An answer, or {@code status -1} with the reason it could not be had. */
  record Response(int status, String body, String error) {
    String describe() {
      if (error != null) {
        return error;
      }
      String text = body.length() > 200 ? body.substring(0, 200) + "…" : body;
      return "HTTP " + status + (text.isBlank() ? "" : ": " + text.strip());
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  Response get(URI uri, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(uri).GET(), headers);
  }

  Response post(URI uri, String json, Map<String, String> headers) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
    headers.forEach(builder::header);
    try {
      HttpResponse<String> r =
          http.send(
              builder.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), null);
    } catch (IOException e) {
      return new Response(-1, "", "cannot connect: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, "", "interrupted");
    }
  }
}
