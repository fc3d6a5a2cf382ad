package dev.perfshop.cli.http;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.config.AdminToken;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.config.Resolved;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The CLI's HTTP client for the PerfShop API, on the JDK's {@link HttpURLConnection} (one short
 * exchange per command: the JDK's {@code HttpClient} costs a selector thread and, even for plain
 * http, a TLS context — a large share of a short command's start). Admin routes carry {@code
 * X-Admin-Token}. Failures become {@link CliException}s with the right exit code: no connection →
 * {@link ExitCodes#UNREACHABLE}, 402 → {@link ExitCodes#LICENCE}, any other 4xx/5xx → {@link
 * ExitCodes#REJECTED}, each carrying the server's problem detail.
 */
public final class PerfShopClient {

  public static final String ADMIN_TOKEN_HEADER = "X-Admin-Token";

  /** Who the server's audit log records for admin changes. */
  public static final String ACTOR_HEADER = "X-Perfshop-Actor";

  private static final String JSON = "application/json";

  private final Resolved<URI> base;
  private final Supplier<Resolved<AdminToken>> token;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private String actor;

  public PerfShopClient(
      Resolved<URI> base,
      Supplier<Resolved<AdminToken>> token,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.base = base;
    this.token = token;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  public PerfShopClient(Resolved<URI> base, Supplier<Resolved<AdminToken>> token) {
    this(base, token, Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  /** Names the user in the server's audit log (letters, digits and {@code ._@:-}, at most 64). */
  public PerfShopClient actor(String actor) {
    this.actor = actor != null && actor.matches("[A-Za-z0-9._@:-]{1,64}") ? actor : null;
    return this;
  }

  public URI baseUrl() {
    return base.value();
  }

  /** GET on a public route. */
  public JsonNode get(String path) {
    return send(false, "GET", path, null);
  }

  public JsonNode adminGet(String path) {
    return send(true, "GET", path, null);
  }

  public JsonNode adminDelete(String path) {
    return send(true, "DELETE", path, null);
  }

  /** PUT/POST with a JSON body sent as is (null: no body). */
  public JsonNode adminSend(String method, String path, byte[] jsonBody) {
    return send(true, method, path, jsonBody);
  }

  /**
   * GET on an admin route that answers a document (CSV, Markdown, HTML): its bytes as sent. Errors
   * are problems, as for the JSON routes.
   */
  public byte[] adminDownload(String path, String accept) {
    Exchange e = exchange(true, "GET", path, null, accept + ", application/problem+json");
    if (e.status() >= 200 && e.status() < 300) {
      return e.body();
    }
    handle(e);
    throw new IllegalStateException("unreachable: handle() throws on an error status");
  }

  /** One answer as read off the connection. */
  private record Exchange(
      int status,
      String contentType,
      String retryAfter,
      byte[] body,
      Resolved<AdminToken> adminToken) {}

  private JsonNode send(boolean admin, String method, String path, byte[] body) {
    return handle(exchange(admin, method, path, body, JSON + ", application/problem+json"));
  }

  private JsonNode handle(Exchange e) {
    return handle(e.status(), e.contentType(), e.retryAfter(), e.body(), e.adminToken());
  }

  private Exchange exchange(boolean admin, String method, String path, byte[] body, String accept) {
    URI uri = URI.create(base.value() + path);
    Resolved<AdminToken> adminToken = admin ? requireToken() : null;
    if ("PATCH".equals(method)) {
      // HttpURLConnection refuses PATCH; the JDK's HttpClient (slower to set up) sends it.
      return patch(uri, body, accept, adminToken);
    }
    boolean connected = false;
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(millis(connectTimeout));
      c.setReadTimeout(millis(requestTimeout));
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestMethod(method);
      c.setRequestProperty("Accept", accept);
      c.setRequestProperty("User-Agent", "perfshop-cli");
      if (adminToken != null) {
        c.setRequestProperty(ADMIN_TOKEN_HEADER, adminToken.value().value());
        if (actor != null) {
          c.setRequestProperty(ACTOR_HEADER, actor);
        }
      }
      boolean sendsBody = body != null || method.equals("POST") || method.equals("PUT");
      if (sendsBody) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (body != null) {
          c.setRequestProperty("Content-Type", JSON);
        }
        // A fixed length also keeps the connection from silently re-sending a POST.
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(bytes.length);
        c.connect();
        connected = true;
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      } else {
        c.connect();
        connected = true;
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      byte[] answer;
      try (InputStream stream = in) {
        answer = stream == null ? new byte[0] : stream.readAllBytes();
      }
      return new Exchange(
          status,
          c.getHeaderField("Content-Type"),
          c.getHeaderField("Retry-After"),
          answer,
          adminToken);
    } catch (SocketTimeoutException e) {
      throw connected
          ? unreachable("no answer within " + requestTimeout.toSeconds() + "s", e)
          : unreachable("no connection within " + connectTimeout.toSeconds() + "s", e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  private Exchange patch(URI uri, byte[] body, String accept, Resolved<AdminToken> adminToken) {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", accept)
            .header("User-Agent", "perfshop-cli")
            .header("Content-Type", JSON)
            .method(
                "PATCH",
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                    body == null ? new byte[0] : body));
    if (adminToken != null) {
      request.header(ADMIN_TOKEN_HEADER, adminToken.value().value());
      if (actor != null) {
        request.header(ACTOR_HEADER, actor);
      }
    }
    try (java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .proxy(java.net.ProxySelector.of(null))
            .build()) {
      java.net.http.HttpResponse<byte[]> r =
          http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      return new Exchange(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.headers().firstValue("Retry-After").orElse(null),
          r.body(),
          adminToken);
    } catch (java.net.http.HttpConnectTimeoutException e) {
      throw unreachable("no connection within " + connectTimeout.toSeconds() + "s", e);
    } catch (java.net.http.HttpTimeoutException e) {
      throw unreachable("no answer within " + requestTimeout.toSeconds() + "s", e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILURE, "interrupted", e);
    }
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  private JsonNode handle(
      int status,
      String contentType,
      String retryAfter,
      byte[] body,
      Resolved<AdminToken> adminToken) {
    if (status >= 200 && status < 300) {
      if (body.length == 0) {
        return MissingNode.getInstance();
      }
      try {
        return Json.parse(body);
      } catch (JacksonException e) {
        throw new CliException(
            ExitCodes.FAILURE,
            "the server at "
                + base.value()
                + " answered "
                + status
                + " with a body that is not JSON",
            e);
      }
    }
    Problem problem = problem(status, contentType, body);
    List<String> hints = new ArrayList<>();
    if ((status == 401 || status == 403) && adminToken != null) {
      hints.add(
          "the admin token from "
              + adminToken.describeSource()
              + " was refused; see `perfshop config show`");
    }
    if (retryAfter != null) {
      hints.add("retry after " + retryAfter + "s");
    }
    int code = status == 402 ? ExitCodes.LICENCE : ExitCodes.REJECTED;
    if (status == 402) {
      hints.add("install a licence with `perfshop license install FILE`");
    }
    return throwProblem(code, problem, hints);
  }

  private static JsonNode throwProblem(int code, Problem problem, List<String> hints) {
    throw new ProblemException(code, problem, hints);
  }

  private static Problem problem(int status, String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType;
    if (type.contains("json") && body.length > 0) {
      try {
        return Problem.from(status, Json.parse(body));
      } catch (JacksonException e) {
        // not JSON after all: fall through to the status line
      }
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.length() > 200) {
      text = text.substring(0, 200) + "…";
    }
    return new Problem("about:blank", "HTTP " + status, status, text, MissingNode.getInstance());
  }

  private Resolved<AdminToken> requireToken() {
    Resolved<AdminToken> t = token.get();
    if (!t.present()) {
      throw new CliException(
          ExitCodes.USAGE,
          "no admin token configured",
          List.of(
              "pass --admin-token-file FILE, set "
                  + ConfigResolver.ENV_TOKEN
                  + " or "
                  + ConfigResolver.ENV_TOKEN_FILE
                  + ",",
              "or run `perfshop config set admin-token-file FILE` (see `perfshop config show`)"),
          null);
    }
    return t;
  }

  private CliException unreachable(String why, Throwable cause) {
    return new CliException(
        ExitCodes.UNREACHABLE,
        "cannot reach the PerfShop server at " + base.value() + " (" + why + ")",
        List.of(
            "the URL comes from "
                + base.describeSource()
                + "; is the server running (`make run`)?"),
        cause);
  }
}
