package dev.perfshop.server.admin;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards {@code /api/admin/**} (interceptor order 20). In order: every answer is {@code
 * Cache-Control: no-store}; browser requests from another site are refused (403); halt from a
 * loopback address with the right token goes through, whatever the failure limiter says; a client
 * with too many recent failures of its own gets 429 with {@code Retry-After}; a token in the query
 * string is refused (400); then the {@code X-Admin-Token} header must match (401). Failures are
 * logged with the client, method and path, never with the token. Scrapers that can only send {@code
 * Authorization} (Prometheus's {@code authorization} block) may send {@code Authorization: Bearer
 * <token>} instead of the header; {@code X-Admin-Token} wins when both are present.
 */
final class AdminTokenInterceptor implements HandlerInterceptor {

  static final int ORDER = 20;
  static final String HEADER = "X-Admin-Token";
  private static final String BEARER = "Bearer ";
  static final String HALT = "/api/admin/chaos/halt";

  private static final Logger log = LoggerFactory.getLogger(AdminTokenInterceptor.class);
  private static final Set<String> TOKEN_PARAMS =
      Set.of("x-admin-token", "admin-token", "admin_token", "admintoken", "token");

  private static final Pattern LITERAL =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\w+)?]?");

  private final AdminToken token;
  private final FailureLimiter limiter;

  AdminTokenInterceptor(AdminToken token, FailureLimiter limiter) {
    this.token = token;
    this.limiter = limiter;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    String client = request.getRemoteAddr();
    if (crossSite(request)) {
      log.warn(
          "admin request refused: cross-site browser request from {} {} {}",
          client,
          request.getMethod(),
          request.getRequestURI());
      throw new ApiException(
          ProblemType.FORBIDDEN, "admin routes refuse requests made by pages of another site");
    }
    if (haltFromLoopback(request, client) && token.matches(request.getHeader(HEADER))) {
      return true; // the instructor's emergency stop is never locked out (docs/security.md)
    }
    long retryAfter = limiter.retryAfterSeconds(client);
    if (retryAfter > 0) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
      throw new ApiException(
          ProblemType.TOO_MANY_REQUESTS,
          "too many failed admin attempts from this client; retry in " + retryAfter + " s",
          Map.of("retryAfterSeconds", retryAfter));
    }
    if (tokenInQuery(request)) {
      fail(request, client, "token in the query string");
      throw new ApiException(
          ProblemType.BAD_REQUEST,
          "send the admin token in the X-Admin-Token header, never in the URL"
              + " (URLs end up in logs and browser history); consider this token leaked");
    }
    String given = candidate(request);
    if (given == null || given.isEmpty()) {
      fail(request, client, "no X-Admin-Token header");
      throw new ApiException(ProblemType.ADMIN_TOKEN, "this route needs the X-Admin-Token header");
    }
    if (!token.matches(given)) {
      fail(request, client, "wrong token");
      throw new ApiException(ProblemType.ADMIN_TOKEN, "the X-Admin-Token is not valid");
    }
    return true;
  }

  /** The token the client sent: {@code X-Admin-Token}, else a bearer credential. */
  private static String candidate(HttpServletRequest request) {
    String header = request.getHeader(HEADER);
    if (header != null && !header.isEmpty()) {
      return header;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).strip();
    }
    return null;
  }

  private void fail(HttpServletRequest request, String client, String why) {
    limiter.recordFailure(client);
    log.warn(
        "admin token refused ({}) from {} {} {}",
        why,
        client,
        request.getMethod(),
        request.getRequestURI());
  }

  /**
   * {@code POST /api/admin/chaos/halt} from the machine itself. The address is the TCP peer as
   * Tomcat reports it (a literal, so no name is looked up).
   */
  static boolean haltFromLoopback(HttpServletRequest request, String client) {
    if (!"POST".equals(request.getMethod())
        || !HALT.equals(request.getRequestURI())
        || request.getQueryString() != null) {
      return false;
    }
    if (client == null || !LITERAL.matcher(client).matches()) {
      return false; // only IP literals: getByName must not look a name up
    }
    try {
      return InetAddress.getByName(client).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean tokenInQuery(HttpServletRequest request) {
    if (request.getQueryString() == null) {
      return false;
    }
    Enumeration<String> names = request.getParameterNames();
    while (names.hasMoreElements()) {
      if (TOKEN_PARAMS.contains(names.nextElement().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A browser tells where a request comes from: {@code Sec-Fetch-Site} (modern browsers) and {@code
   * Origin} (on every cross-origin request and on same-origin non-GET requests). Tools such as curl
   * or the CLI send neither.
   */
  static boolean crossSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      return true;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    return origin != null && !sameOrigin(origin, request);
  }

  private static boolean sameOrigin(String origin, HttpServletRequest request) {
    try {
      URI o = URI.create(origin);
      if (o.getScheme() == null || o.getHost() == null) {
        return false; // "null" and other opaque origins
      }
      return o.getScheme().equalsIgnoreCase(request.getScheme())
          && o.getHost().equalsIgnoreCase(request.getServerName())
          && port(o.getPort(), o.getScheme()) == port(request.getServerPort(), request.getScheme());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int port(int port, String scheme) {
    if (port > 0) {
      return port;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
