package dev.perfshop.cli.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording HTTP server on loopback for contract tests: answers each {@code METHOD path} with a
 * canned status, content type and body (shapes from docs/api.md) and records every request. Used
 * where the real server cannot produce an answer yet or at will (402, 401, a proxy's HTML 502).
 */
public final class FakeServer implements AutoCloseable {

  /** One recorded request. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst()
          .map(e -> e.getValue().get(0))
          .orElse(null);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private record Answer(int status, String contentType, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public FakeServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeServer json(String method, String pathAndQuery, int status, String body) {
    answers.put(method + " " + pathAndQuery, new Answer(status, "application/json", body));
    return this;
  }

  public FakeServer problem(String method, String pathAndQuery, int status, String body) {
    answers.put(method + " " + pathAndQuery, new Answer(status, "application/problem+json", body));
    return this;
  }

  public FakeServer raw(
      String method, String pathAndQuery, int status, String contentType, String body) {
    answers.put(method + " " + pathAndQuery, new Answer(status, contentType, body));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Request last() {
    return requests.get(requests.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestURI().getRawPath();
    if (exchange.getRequestURI().getRawQuery() != null) {
      target += "?" + exchange.getRequestURI().getRawQuery();
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    requests.add(
        new Request(
            exchange.getRequestMethod(), target, Map.copyOf(exchange.getRequestHeaders()), body));
    Answer answer =
        answers.getOrDefault(
            exchange.getRequestMethod() + " " + target,
            new Answer(
                404,
                "application/problem+json",
                "{\"type\":\"https://perfshop.dev/problems/not-found\",\"title\":\"Not found\","
                    + "\"status\":404,\"detail\":\"no route "
                    + target
                    + "\"}"));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
