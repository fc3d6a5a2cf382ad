package dev.perfshop.server.chaos;

import dev.perfshop.scenario.Durations;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import dev.perfshop.server.system.policy.PolicyDecider;
import dev.perfshop.server.system.policy.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Turns a {@code PUT /api/admin/chaos/{type}} body into a {@link ChaosEngine.Spec}, or refuses it
 * with one 400 {@code validation} problem listing every bad field. Unknown fields and explicit
 * {@code null}s are refused.
 */
final class SpecParser {

  static final Set<String> FIELDS =
      Set.of(
          "level", "ttl", "probability", "every", "routes", "sessionId", "agentCode", "scenarioId");
  static final int MAX_ROUTES = 16;
  static final int MAX_EVERY = 1_000_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern ROUTE = Pattern.compile("/api/[A-Za-z0-9._~*{}/-]{0,190}");

  /** Who may be a scope: live class sessions and enrolled agents (pedagogy answers). */
  interface Targets {
    boolean session(String id);

    boolean agent(String code);

    /** For tests and servers without class sessions: every id is refused. */
    Targets NONE =
        new Targets() {
          @Override
          public boolean session(String id) {
            return false;
          }

          @Override
          public boolean agent(String code) {
            return false;
          }
        };
  }

  private final Map<String, String> errors = new LinkedHashMap<>();
  private final Targets targets;

  private SpecParser(Targets targets) {
    this.targets = targets;
  }

  static ChaosEngine.Spec parse(ChaosType type, Map<String, Object> body, Targets targets) {
    return new SpecParser(targets).spec(type, body == null ? Map.of() : body);
  }

  private ChaosEngine.Spec spec(ChaosType type, Map<String, Object> body) {
    body.keySet().stream()
        .filter(k -> !FIELDS.contains(k))
        .sorted()
        .forEach(k -> errors.put(k, "unknown field"));
    Integer level = integer(body, "level", 1, 5);
    if (body.get("level") == null) {
      errors.put("level", "is required (1-5)");
    }
    body.forEach(
        (k, v) -> {
          if (v == null && FIELDS.contains(k) && !k.equals("level")) {
            errors.put(k, "must not be null (leave the field out for its default)");
          }
        });
    Duration ttl = ttl(body.get("ttl"));
    Double probability = probability(body.get("probability"));
    Integer every = integer(body, "every", 1, MAX_EVERY);
    List<String> routes = routes(body.get("routes"), type);
    List<PathPattern> patterns = patterns(routes);
    String session = id(body, "sessionId");
    String agent = id(body, "agentCode");
    String scenario = id(body, "scenarioId");
    if (session != null && agent != null) {
      errors.put("agentCode", "give sessionId or agentCode, not both");
    } else if (session != null && !targets.session(session)) {
      errors.put("sessionId", "names no live class session (GET /api/admin/sessions lists them)");
    } else if (agent != null && !targets.agent(agent)) {
      errors.put("agentCode", "is not the agent code of a student enrolled in a class session");
    }
    if (!errors.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      errors.forEach((f, m) -> list.add(Map.of("field", f, "message", m)));
      throw new ApiException(
          ProblemType.VALIDATION,
          "the request has " + errors.size() + " invalid field(s)",
          Map.of("errors", list));
    }
    Scope scope =
        session != null
            ? new Scope(Scope.Kind.SESSION, session)
            : agent != null
                ? new Scope(Scope.Kind.AGENT, PolicyDecider.normalizeAgent(agent))
                : Scope.ALL;
    return new ChaosEngine.Spec(
        type, level, probability, every, routes, patterns, scope, ttl, scenario);
  }

  private Integer integer(Map<String, Object> body, String field, int min, int max) {
    Object v = body.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer i && i >= min && i <= max) {
      return i;
    }
    errors.put(field, "must be an integer between " + min + " and " + max);
    return null;
  }

  private Double probability(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d >= 0 && d <= 1) {
        return d;
      }
    }
    errors.put("probability", "must be a number between 0 and 1");
    return null;
  }

  private Duration ttl(Object v) {
    if (v == null) {
      return ChaosEngine.DEFAULT_TTL;
    }
    Duration d = null;
    if (v instanceof Integer seconds) {
      d = Duration.ofSeconds(seconds);
    } else if (v instanceof String s && s.length() <= 32 && s.equals(s.strip())) {
      d = Durations.parseTtl(s).orElse(null);
    }
    if (d == null
        || d.compareTo(Duration.ofSeconds(1)) < 0
        || d.compareTo(ChaosEngine.MAX_TTL) > 0) {
      errors.put(
          "ttl", "must be between 1s and 2h (\"15m\", \"90s\", \"PT1H\" or a number of seconds)");
      return null;
    }
    return d;
  }

  private List<String> routes(Object v, ChaosType type) {
    if (v == null) {
      return type.defaultRoutes();
    }
    if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ROUTES) {
      errors.put("routes", "must be a list of 1 to " + MAX_ROUTES + " route patterns");
      return List.of();
    }
    List<String> routes = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || !ROUTE.matcher(s).matches()) {
        errors.put(
            "routes", "each route must be a path pattern under /api/ (e.g. /api/products/**)");
        return List.of();
      }
      if (s.startsWith("/api/admin")
          || s.startsWith("/api/license")
          || s.startsWith("/api/student")
          || s.startsWith("/api/stats")) {
        errors.put(
            "routes", "admin, licence, student and statistics routes are never targeted by chaos");
        return List.of();
      }
      routes.add(s);
    }
    return List.copyOf(routes);
  }

  private List<PathPattern> patterns(List<String> routes) {
    List<PathPattern> patterns = new ArrayList<>();
    for (String r : routes) {
      try {
        patterns.add(PathPatternParser.defaultInstance.parse(r));
      } catch (PatternParseException e) {
        errors.put("routes", "'" + r + "' is not a valid path pattern");
      }
    }
    return patterns;
  }

  private String id(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String s && ID.matcher(s).matches()) {
      return s;
    }
    errors.put(field, "must be 1-64 characters among letters, digits, '.', '_', ':' and '-'");
    return null;
  }
}
