package dev.perfshop.server.chaos;

import dev.perfshop.server.pedagogy.ClassSessions;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.Scope;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The instructor's chaos controls (contract in docs/api.md). Only catalogue names are accepted; the
 * actor recorded in the audit log comes from {@code X-Perfshop-Actor} (default "admin"; an invalid
 * one is refused, except by halt, which must always work). A scope must name a live class session
 * or an enrolled student's agent code. A refused request changes nothing.
 */
@RestController
@RequestMapping(path = "/api/admin/chaos", produces = MediaType.APPLICATION_JSON_VALUE)
class ChaosAdminController {

  static final String ACTOR_HEADER = "X-Perfshop-Actor";
  private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");

  static final int MAX_AUDIT_LIMIT = 500;
  private static final Pattern SESSION_ID = Pattern.compile("[1-9][0-9]{0,17}");

  private final ChaosEngine engine;
  private final ChaosAudit audit;
  private final Clock clock;
  private final SpecParser.Targets targets;

  ChaosAdminController(
      ChaosEngine engine, ChaosAudit audit, Clock clock, ObjectProvider<ClassSessions> sessions) {
    this.engine = engine;
    this.audit = audit;
    this.clock = clock;
    ClassSessions s = sessions.getIfAvailable();
    this.targets =
        s == null
            ? SpecParser.Targets.NONE
            : new SpecParser.Targets() {
              @Override
              public boolean session(String id) {
                return s.isLive(id);
              }

              @Override
              public boolean agent(String code) {
                return s.isEnrolledAgent(code);
              }
            };
  }

  @GetMapping("/catalog")
  List<TypeView> catalog() {
    return ChaosType.values().stream().map(TypeView::of).toList();
  }

  @GetMapping
  StatusView status() {
    Instant now = clock.instant();
    return new StatusView(
        engine.safetyMode().id(),
        engine.plan().live(now).stream().map(a -> ActivationView.of(a, now)).toList());
  }

  @PutMapping(path = "/{type}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ActivationView enable(
      @PathVariable("type") String type,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = EnableRequest.class)))
          @RequestBody(required = false)
          Map<String, Object> body,
      @RequestHeader(name = ACTOR_HEADER, required = false) String actor) {
    ChaosType chaosType = known(type);
    String by = actor(actor);
    Activation a = engine.activate(SpecParser.parse(chaosType, body, targets), by);
    return ActivationView.of(a, clock.instant());
  }

  /**
   * Disables a type in every scope, or only a class session's activation with {@code ?sessionId=}
   * (what a scenario run for that session does, leaving other classes' runs alone).
   */
  /**
   * What a disable did: the type, and the class session it was limited to (absent: every scope).
   */
  record Disabled(String disabled, @Nullable String sessionId) {}

  /** What the emergency stop did: how many activations it ended. */
  record Halted(int halted) {}

  @DeleteMapping("/{type}")
  Disabled disable(
      @PathVariable("type") String type,
      @RequestParam(name = "sessionId", required = false) String sessionId,
      @RequestHeader(name = ACTOR_HEADER, required = false) String actor) {
    ChaosType chaosType = known(type);
    String by = actor(actor);
    if (sessionId == null) {
      engine.disable(chaosType, by);
      return new Disabled(chaosType.id(), null);
    }
    if (!SESSION_ID.matcher(sessionId).matches()) {
      throw new ApiException(
          ProblemType.VALIDATION, "sessionId must be a class session's id (digits)");
    }
    engine.disable(chaosType, new Scope(Scope.Kind.SESSION, sessionId), by);
    return new Disabled(chaosType.id(), sessionId);
  }

  @PostMapping("/halt")
  Halted halt(@RequestHeader(name = ACTOR_HEADER, required = false) String actor) {
    // the emergency stop never fails on a label: an invalid actor is recorded as "admin"
    return new Halted(
        engine.halt(actor != null && ACTOR.matcher(actor).matches() ? actor : "admin"));
  }

  @GetMapping("/audit")
  List<ChaosAudit.Entry> audit(@RequestParam(name = "limit", defaultValue = "50") int limit) {
    if (limit < 1 || limit > MAX_AUDIT_LIMIT) {
      throw invalid("limit", "must be between 1 and " + MAX_AUDIT_LIMIT);
    }
    return audit.newest(limit);
  }

  private static ChaosType known(String type) {
    return ChaosType.byId(type)
        .orElseThrow(
            () ->
                new ApiException(
                    ProblemType.NOT_FOUND,
                    "no chaos type named '"
                        + (type.length() > 64 ? type.substring(0, 64) + "…" : type)
                        + "'; GET /api/admin/chaos/catalog lists them"));
  }

  private static String actor(String header) {
    if (header == null) {
      return "admin";
    }
    if (!ACTOR.matcher(header).matches()) {
      throw invalid(ACTOR_HEADER, "must be 1-64 characters among letters, digits and ._@:-");
    }
    return header;
  }

  private static ApiException invalid(String field, String message) {
    return new ApiException(
        ProblemType.VALIDATION,
        field + " " + message,
        Map.of("errors", List.of(Map.of("field", field, "message", message))));
  }

  record LevelView(int level, String description) {}

  record TypeView(
      String type,
      String family,
      String description,
      List<LevelView> levels,
      List<String> defaultRoutes,
      boolean dangerous) {
    static TypeView of(ChaosType t) {
      return new TypeView(
          t.id(),
          t.family(),
          t.description(),
          IntStream.rangeClosed(1, 5).mapToObj(l -> new LevelView(l, t.level(l))).toList(),
          t.defaultRoutes(),
          t.dangerous());
    }
  }

  record StatusView(String safetyMode, List<ActivationView> activations) {}

  record ScopeView(String kind, @Nullable String id) {}

  record ActivationView(
      String type,
      String family,
      int level,
      double probability,
      @Nullable Integer every,
      List<String> routes,
      ScopeView scope,
      Instant activatedAt,
      Instant expiresAt,
      long remainingSeconds,
      @Nullable String scenarioId,
      @Nullable String activatedBy) {
    static ActivationView of(Activation a, Instant now) {
      return new ActivationView(
          a.type().id(),
          a.type().family(),
          a.level(),
          a.probability(),
          a.every(),
          a.routes(),
          new ScopeView(a.scope().kind().name().toLowerCase(java.util.Locale.ROOT), a.scope().id()),
          a.activatedAt(),
          a.expiresAt(),
          Math.max(0, (Duration.between(now, a.expiresAt()).toMillis() + 999) / 1000),
          a.scenarioId(),
          a.activatedBy());
    }
  }

  /**
   * The body of {@code PUT /api/admin/chaos/{type}}, for the OpenAPI document. {@link SpecParser}
   * reads it from a map so that one refusal lists every bad field (and refuses unknown ones); a
   * test keeps this record's components equal to {@link SpecParser#FIELDS}.
   */
  @Schema(
      name = "ChaosEnableRequest",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record EnableRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "5") int level,
      @Schema(
              description = "How long it stays: 90s, 15m, 1h30m (at most 2h; default 15m)",
              example = "15m")
          String ttl,
      @Schema(
              description = "Share of matching requests it acts on, 0-1 (default per type)",
              minimum = "0",
              maximum = "1")
          Double probability,
      @Schema(
              description = "Act on every Nth matching request instead of a random share",
              minimum = "1")
          Integer every,
      @Schema(
              description = "Path patterns it acts on (default per type), at most 16",
              example = "[\"/api/products/{id}\"]")
          List<String> routes,
      @Schema(description = "Scope: only traffic of this live class session") String sessionId,
      @Schema(description = "Scope: only the traffic of this enrolled student's agent code")
          String agentCode,
      @Schema(description = "The scenario that enabled it (audit)") String scenarioId) {}
}
