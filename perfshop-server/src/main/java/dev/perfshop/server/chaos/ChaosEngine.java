package dev.perfshop.server.chaos;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.Port;
import dev.perfshop.server.system.ProblemType;
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
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Owns the current {@link ChaosPlan}. Writers (admin API, purge) are serialised and swap in a new
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

  private final AtomicReference<ChaosPlan> plan = new AtomicReference<>(ChaosPlan.EMPTY);
  private final Clock clock;
  private final ChaosAudit audit;
  private final ChaosMeters meters;
  private final SafetyMode safety;
  private final Map<ChaosType, Assault> assaults = new HashMap<>();
  private final ScheduledExecutorService purger;

  ChaosEngine(
      Clock clock,
      ChaosAudit audit,
      ChaosMeters meters,
      ChaosProperties properties,
      List<Assault> assaults,
      @Value("${server.address:}") String serverAddress) {
    this.clock = clock;
    this.audit = audit;
    this.meters = meters;
    this.safety = SafetyMode.of(serverAddress, properties.unsafeLab());
    assaults.forEach(a -> this.assaults.put(a.type(), a));
    this.purger =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chaos-purge");
              t.setDaemon(true);
              return t;
            });
    long every = properties.purgeInterval().toMillis();
    purger.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** The current plan: one volatile read, no lock. */
  public ChaosPlan plan() {
    return plan.get();
  }

  public SafetyMode safetyMode() {
    return safety;
  }

  Assault assault(ChaosType type) {
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
      ChaosPlan current = plan.get();
      replaced = current.get(spec.type(), spec.scope());
      plan.set(current.with(activation));
    }
    if (replaced != null) {
      end(replaced);
    }
    meters.publish(plan.get(), now);
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
      ChaosPlan current = plan.get();
      ChaosPlan next = current;
      for (Activation a : current.all()) {
        if (a.type() == type && (scope == null || a.scope().equals(scope))) {
          removed.add(a);
          next = next.without(a);
        }
      }
      if (next != current) {
        plan.set(next);
      }
    }
    Instant now = clock.instant();
    if (!removed.isEmpty()) {
      removed.forEach(this::end);
      meters.publish(plan.get(), now);
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
    ChaosPlan before;
    synchronized (this) {
      before = plan.get();
      plan.set(before.cleared());
    }
    Instant now = clock.instant();
    int live = before.live(now).size();
    for (Activation a : before.all()) {
      end(a);
    }
    meters.publish(plan.get(), now);
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
      ChaosPlan current = plan.get();
      ChaosPlan next = current;
      for (Activation a : current.all()) {
        if (a.expired(now)) {
          expired.add(a);
          next = next.without(a);
        }
      }
      if (next != current) {
        plan.set(next);
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
    meters.publish(plan.get(), now);
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
    Assault assault = assaults.get(activation.type());
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
    ChaosPlan last = plan.getAndSet(ChaosPlan.EMPTY);
    for (Activation a : last.all()) {
      end(a);
    }
  }
}
