package dev.perfshop.cli.http;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.config.AdminToken;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.config.Resolved;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The CLI's HTTP client for the PerfShop API, on the JDK's {@link HttpClient}. Admin routes carry
 * {@code X-Admin-Token}. Failures become {@link CliException}s with the right exit code: no
 * connection → {@link ExitCodes#UNREACHABLE}, 402 → {@link ExitCodes#LICENCE}, any other 4xx/5xx →
 * {@link ExitCodes#REJECTED}, each carrying the server's problem detail.
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
  private HttpClient http;

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
    int status = e.response().statusCode();
    if (status >= 200 && status < 300) {
      return e.response().body();
    }
    handle(e.response(), e.token());
    throw new IllegalStateException("unreachable: handle() throws on an error status");
  }

  private record Exchange(HttpResponse<byte[]> response, Resolved<AdminToken> token) {}

  private JsonNode send(boolean admin, String method, String path, byte[] body) {
    Exchange e = exchange(admin, method, path, body, JSON + ", application/problem+json");
    return handle(e.response(), e.token());
  }

  private Exchange exchange(boolean admin, String method, String path, byte[] body, String accept) {
    URI uri = URI.create(base.value() + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", accept)
            .header("User-Agent", "perfshop-cli");
    Resolved<AdminToken> adminToken = null;
    if (admin) {
      adminToken = requireToken();
      request.header(ADMIN_TOKEN_HEADER, adminToken.value().value());
      if (actor != null) {
        request.header(ACTOR_HEADER, actor);
      }
    }
    if (body != null) {
      request.header("Content-Type", JSON);
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response;
    try {
      response = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no connection within " + connectTimeout.toSeconds() + "s", e);
    } catch (HttpTimeoutException e) {
      throw unreachable("no answer within " + requestTimeout.toSeconds() + "s", e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILURE, "interrupted", e);
    }
    return new Exchange(response, adminToken);
  }

  private JsonNode handle(HttpResponse<byte[]> response, Resolved<AdminToken> adminToken) {
    int status = response.statusCode();
    byte[] body = response.body();
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
    Problem problem = problem(status, response, body);
    List<String> hints = new ArrayList<>();
    if ((status == 401 || status == 403) && adminToken != null) {
      hints.add(
          "the admin token from "
              + adminToken.describeSource()
              + " was refused; see `perfshop config show`");
    }
    response
        .headers()
        .firstValue("Retry-After")
        .ifPresent(s -> hints.add("retry after " + s + "s"));
    int code = status == 402 ? ExitCodes.LICENCE : ExitCodes.REJECTED;
    if (status == 402) {
      hints.add("install a licence with `perfshop license install FILE`");
    }
    return throwProblem(code, problem, hints);
  }

  private static JsonNode throwProblem(int code, Problem problem, List<String> hints) {
    throw new ProblemException(code, problem, hints);
  }

  private static Problem problem(int status, HttpResponse<byte[]> response, byte[] body) {
    String type = response.headers().firstValue("Content-Type").orElse("");
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

  private HttpClient client() {
    if (http == null) {
      HttpClient.Builder builder =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER);
      if ("http".equals(base.value().getScheme())) {
        builder.sslContext(noTls());
      }
      http = builder.build();
    }
    return http;
  }

  /**
   * For a plain-http server: an SSL context that trusts nothing. The client never uses it (no
   * redirects are followed), and the JDK's default context would load and parse the CA certificates
   * at every start — a large share of a short command's run time.
   */
  private static SSLContext noTls() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS implementation", e);
    }
  }
}
