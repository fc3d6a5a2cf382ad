package dev.perfshop.server.chaos;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.Port;
import dev.perfshop.server.system.ProblemType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyBoard;
import dev.perfshop.server.system.policy.PolicyPlan;
import dev.perfshop.server.system.policy.RequestPolicy;
import dev.perfshop.server.system.policy.Scope;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Owns the current {@link PolicyPlan}. Writers (admin API, purge) are serialised and swap in a new
 * immutable plan; the request path reads it with one volatile load. An ended activation is released
 * (its waits wake up, its assault gives back what it holds) before the call returns, and every
 * change is audited.
 */
@Port
@Service
public class ChaosEngine {

  /** The longest TTL an activation may have. */
  public static final Duration MAX_TTL = Duration.ofHours(2);

  public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

  private static final Logger log = LoggerFactory.getLogger(ChaosEngine.class);

  /** A validated activation request. */
  record Spec(
      ChaosType type,
      int level,
      Double probability,
      Integer every,
      List<String> routes,
      List<PathPattern> patterns,
      Scope scope,
      Duration ttl,
      String scenarioId) {}

  private final PolicyBoard board;
  private final Clock clock;
  private final ChaosAudit audit;
  private final ChaosMeters meters;
  private final SafetyMode safety;
  private final Map<ChaosType, RequestPolicy> assaults = new HashMap<>();
  private final ScheduledExecutorService purger;

  ChaosEngine(
      Clock clock,
      PolicyBoard board,
      ChaosAudit audit,
      ChaosMeters meters,
      ChaosProperties properties,
      List<RequestPolicy> assaults,
      @Value("${server.address:}") String serverAddress) {
    this.clock = clock;
    this.board = board;
    this.audit = audit;
    this.meters = meters;
    this.safety = SafetyMode.of(serverAddress, properties.unsafeLab());
    assaults.forEach(a -> this.assaults.put(a.type(), a));
    this.purger =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "shop-housekeeping");
              t.setDaemon(true);
              return t;
            });
    long every = properties.purgeInterval().toMillis();
    purger.scheduleWithFixedDelay(
        board.expirySweep(clock, this::purgeQuietly), every, every, TimeUnit.MILLISECONDS);
  }

  /** The current plan: one volatile read, no lock. */
  public PolicyPlan plan() {
    return board.plan();
  }

  public SafetyMode safetyMode() {
    return safety;
  }

  RequestPolicy assault(ChaosType type) {
    return assaults.get(type);
  }

  Clock clock() {
    return clock;
  }

  Activation activate(Spec spec, String actor) {
    if (spec.type().dangerous() && !safety.allowsSecurityChaos()) {
      throw new ApiException(
          ProblemType.FORBIDDEN,
          spec.type().id()
              + " opens a real weakness and the safety mode is "
              + safety.id()
              + ": bind the server to loopback or start it with perfshop.chaos.unsafe-lab=true",
          Map.of("safetyMode", safety.id()));
    }
    Instant now = clock.instant();
    double probability =
        spec.probability() != null
            ? spec.probability()
            : spec.type().defaultProbability(spec.level());
    Activation activation =
        new Activation(
            spec.type(),
            spec.level(),
            probability,
            spec.every(),
            spec.routes(),
            spec.patterns(),
            spec.scope(),
            now,
            now.plus(spec.ttl()),
            spec.scenarioId(),
            actor);
    Activation replaced;
    synchronized (this) {
      PolicyPlan current = board.plan();
      replaced = current.get(spec.type(), spec.scope());
      board.swap(current.with(activation));
    }
    if (replaced != null) {
      end(replaced);
    }
    meters.publish(board.plan(), now);
    audit.record(
        new ChaosAudit.Entry(
            now,
            actor,
            "enable",
            spec.type().id(),
            spec.level(),
            spec.scenarioId(),
            "level "
                + spec.level()
                + ", probability "
                + probability
                + (spec.every() != null ? ", every " + spec.every() + "th request" : "")
                + ", ttl "
                + spec.ttl().toSeconds()
                + "s, routes "
                + spec.routes()
                + ", scope "
                + spec.scope().kind().name().toLowerCase(java.util.Locale.ROOT)
                + (spec.scope().id() != null ? " " + spec.scope().id() : "")));
    log.info(
        "chaos enabled: {} level {} by {} (scenario {})",
        spec.type().id(),
        spec.level(),
        actor,
        spec.scenarioId());
    return activation;
  }

  /** Disables one type, in every scope; idempotent. Returns whether an activation was live. */
  boolean disable(ChaosType type, String actor) {
    return disable(type, null, actor);
  }

  /**
   * Disables one type in one scope ({@code null}: every scope); idempotent. Returns whether an
   * activation was removed.
   */
  boolean disable(ChaosType type, Scope scope, String actor) {
    List<Activation> removed = new ArrayList<>();
    synchronized (this) {
      PolicyPlan current = board.plan();
      PolicyPlan next = current;
      for (Activation a : current.all()) {
        if (a.type() == type && (scope == null || a.scope().equals(scope))) {
          removed.add(a);
          next = next.without(a);
        }
      }
      if (next != current) {
        board.swap(next);
      }
    }
    Instant now = clock.instant();
    if (!removed.isEmpty()) {
      removed.forEach(this::end);
      meters.publish(board.plan(), now);
    }
    Activation first = removed.isEmpty() ? null : removed.getFirst();
    audit.record(
        new ChaosAudit.Entry(
            now,
            actor,
            "disable",
            type.id(),
            first == null ? null : first.level(),
            first == null ? null : first.scenarioId(),
            (removed.isEmpty() ? "was not active" : "disabled")
                + (scope == null || scope.kind() == Scope.Kind.ALL
                    ? ""
                    : " (scope "
                        + scope.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " "
                        + scope.id()
                        + ")")));
    return !removed.isEmpty();
  }

  /** Ends every activation; idempotent, never refused. Returns how many were live. */
  public int halt(String actor) {
    PolicyPlan before;
    synchronized (this) {
      before = board.plan();
      board.swap(before.cleared());
    }
    Instant now = clock.instant();
    int live = before.live(now).size();
    for (Activation a : before.all()) {
      end(a);
    }
    meters.publish(board.plan(), now);
    audit.record(
        new ChaosAudit.Entry(
            now, actor, "halt", null, null, null, "halted " + live + " live activation(s)"));
    log.info("chaos halted by {}: {} live activation(s) ended", actor, live);
    return live;
  }

  /** Removes the activations whose TTL ran out (they are already ignored on read). */
  int purgeExpired() {
    Instant now = clock.instant();
    List<Activation> expired = new ArrayList<>();
    synchronized (this) {
      PolicyPlan current = board.plan();
      PolicyPlan next = current;
      for (Activation a : current.all()) {
        if (a.expired(now)) {
          expired.add(a);
          next = next.without(a);
        }
      }
      if (next != current) {
        board.swap(next);
      }
    }
    for (Activation a : expired) {
      end(a);
      audit.record(
          new ChaosAudit.Entry(
              now,
              "system",
              "expire",
              a.type().id(),
              a.level(),
              a.scenarioId(),
              "TTL ran out at " + a.expiresAt()));
    }
    meters.publish(board.plan(), now);
    return expired.size();
  }

  private void purgeQuietly() {
    try {
      purgeExpired();
    } catch (RuntimeException e) {
      log.warn("chaos purge failed; will retry", e);
    }
  }

  private void end(Activation activation) {
    activation.release();
    RequestPolicy assault = assaults.get(activation.type());
    if (assault != null) {
      try {
        assault.release(activation);
      } catch (RuntimeException e) {
        log.warn("chaos release of {} failed", activation.type().id(), e);
      }
    }
  }

  @PreDestroy
  void shutdown() {
    purger.shutdownNow();
    PolicyPlan last = board.swap(PolicyPlan.EMPTY);
    for (Activation a : last.all()) {
      end(a);
    }
  }
}
