package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosEngine;
import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.chaos.SafetyMode;
import dev.perfshop.server.pedagogy.SessionLookup;
import dev.perfshop.server.system.Port;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The one place that decides whether, and which, anomalies act on a request: live, on a matching
 * route, in scope, and drawn (probability) or counted (every Nth request).
 */
@Component
@Port
public class PolicyDecider {

  static final String SESSION_HEADER = "X-Perfshop-Session";
  static final String AGENT_HEADER = "X-Perfshop-Agent";

  /** The header the pedagogy feature reads agent codes from. */
  static final String AGENT_CODE_HEADER = "X-Agent-Code";

  static final String SESSION_COOKIE = "perfshop_session";
  static final String AGENT_COOKIE = "perfshop_agent";
  private static final Activation[] NONE = new Activation[0];

  private final RandomSource random;
  private final boolean securityAllowed;

  /** A student's agent code → their class session (pedagogy); none without pedagogy. */
  private final Function<String, String> sessionOfAgent;

  @org.springframework.beans.factory.annotation.Autowired
  public PolicyDecider(
      RandomSource random, ChaosEngine engine, ObjectProvider<SessionLookup> sessions) {
    this(
        random,
        engine.safetyMode(),
        sessionOfAgent(SingletonSupplier.ofNullable(sessions::getIfAvailable)));
  }

  private static Function<String, String> sessionOfAgent(
      SingletonSupplier<SessionLookup> sessions) {
    return code -> {
      SessionLookup lookup = sessions.get();
      return lookup == null ? null : lookup.ofAgent(code).orElse(null);
    };
  }

  public PolicyDecider(RandomSource random, SafetyMode safety) {
    this(random, safety, code -> null);
  }

  public PolicyDecider(
      RandomSource random, SafetyMode safety, Function<String, String> sessionOfAgent) {
    this.random = random;
    this.securityAllowed = safety.allowsSecurityChaos();
    this.sessionOfAgent = sessionOfAgent;
  }

  public Activation[] decide(PolicyPlan plan, Instant now, HttpServletRequest request) {
    Activation[] all = plan.all();
    Activation[] hits = null;
    int n = 0;
    PathContainer path = null;
    String session = null;
    String agent = null;
    boolean identified = false;
    for (Activation a : all) {
      if (a.expired(now) || (a.dangerous() && !securityAllowed)) {
        continue;
      }
      if (path == null) {
        path = PathContainer.parsePath(route(request));
      }
      if (!a.matchesRoute(path)) {
        continue;
      }
      if (a.scope().kind() != Scope.Kind.ALL) {
        if (!identified) {
          agent = agent(request);
          session = session(request, agent);
          identified = true;
        }
        if (!a.scope().matches(session, agent)) {
          continue;
        }
      }
      if (!fires(a)) {
        continue;
      }
      if (hits == null) {
        hits = new Activation[all.length];
      }
      hits[n++] = a;
    }
    return hits == null ? NONE : Arrays.copyOf(hits, n);
  }

  /** Whether an activation targets this request (live, safe, route and scope), without drawing. */
  public boolean applies(Activation a, java.time.Instant now, HttpServletRequest request) {
    if (a == null
        || a.expired(now)
        || excluded(request)
        || (a.dangerous() && !securityAllowed)
        || !a.matchesRoute(PathContainer.parsePath(route(request)))) {
      return false;
    }
    if (a.scope().kind() == Scope.Kind.ALL) {
      return true;
    }
    String agent = agent(request);
    return a.scope().matches(session(request, agent), agent);
  }

  /** The activation of {@code type} that targets this request, among its scopes; or null. */
  public Activation applying(
      PolicyPlan plan, ChaosType type, Instant now, HttpServletRequest request) {
    if (plan.get(type) == null) {
      return null;
    }
    for (Activation a : plan.all()) {
      if (a.type() == type && applies(a, now, request)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The request's class session: named by {@code X-Perfshop-Session} or the {@code
   * perfshop_session} cookie (the scenario runner's shoppers), else the session of the student
   * whose agent code it carries (a student's own browsing and scripts).
   */
  private String session(HttpServletRequest request, String agent) {
    String named = identity(request, SESSION_HEADER, SESSION_COOKIE);
    if (named != null || agent == null) {
      return named;
    }
    return sessionOfAgent.apply(agent);
  }

  /** Admin, licence and the students' own routes: chaos never acts there (RequestPolicyConfig). */
  public static boolean excluded(HttpServletRequest request) {
    return excludedPath(route(request));
  }

  public static boolean excludedPath(String r) {
    return r.startsWith("/api/admin/")
        || r.startsWith("/api/license/")
        || r.startsWith("/api/student/")
        || r.startsWith("/api/stats/")
        || r.equals("/api/stats");
  }

  /** Probability draw, or the deterministic every-Nth count when the activation asks for it. */
  public boolean fires(Activation a) {
    if (a.every() != null) {
      return a.nthMatch();
    }
    double p = a.probability();
    return p >= 1 || (p > 0 && random.nextDouble() < p);
  }

  public static String route(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context.isEmpty() ? uri : uri.substring(context.length());
  }

  private static String agent(HttpServletRequest request) {
    String code = request.getHeader(AGENT_CODE_HEADER);
    return normalizeAgent(
        code != null && !code.isBlank() ? code : identity(request, AGENT_HEADER, AGENT_COOKIE));
  }

  /** Agent codes are typed forgivingly (as pedagogy reads them): case, spaces, dashes, O/I/L. */
  public static String normalizeAgent(String code) {
    if (code == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(code.length());
    for (char c : code.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      switch (c) {
        case ' ', '-' -> {}
        case 'O' -> out.append('0');
        case 'I', 'L' -> out.append('1');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String identity(HttpServletRequest request, String header, String cookie) {
    String value = request.getHeader(header);
    if (value != null && !value.isBlank()) {
      return value.strip();
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (cookie.equals(c.getName())) {
          return c.getValue();
        }
      }
    }
    return null;
  }
}
