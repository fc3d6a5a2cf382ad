package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.Port;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One active chaos type. Its configuration is immutable; it carries two pieces of runtime state
 * that belong to this activation only: the request counter of the deterministic "every Nth" mode,
 * and a release latch that wakes in-flight sleeps and holds when the activation ends.
 */
@Port
public final class Activation {

  private final ChaosType type;
  private final String family;
  private final boolean dangerous;
  private final int level;
  private final double probability;
  private final Integer every;
  private final List<String> routes;
  private final List<PathPattern> patterns;
  private final Scope scope;
  private final Instant activatedAt;
  private final Instant expiresAt;
  private final String scenarioId;
  private final String activatedBy;
  private final AtomicLong matched = new AtomicLong();
  private final CountDownLatch released = new CountDownLatch(1);

  public Activation(
      ChaosType type,
      int level,
      double probability,
      Integer every,
      List<String> routes,
      List<PathPattern> patterns,
      Scope scope,
      Instant activatedAt,
      Instant expiresAt,
      String scenarioId,
      String activatedBy) {
    this.type = type;
    this.family = type.family();
    this.dangerous = type.dangerous();
    this.level = level;
    this.probability = probability;
    this.every = every;
    this.routes = List.copyOf(routes);
    this.patterns = List.copyOf(patterns);
    this.scope = scope;
    this.activatedAt = activatedAt;
    this.expiresAt = expiresAt;
    this.scenarioId = scenarioId;
    this.activatedBy = activatedBy;
  }

  public ChaosType type() {
    return type;
  }

  /** The family of its type (read on the request path without calling into the catalogue). */
  public String family() {
    return family;
  }

  /** Whether its type opens a real weakness (security family). */
  public boolean dangerous() {
    return dangerous;
  }

  public int level() {
    return level;
  }

  public double probability() {
    return probability;
  }

  public Integer every() {
    return every;
  }

  public List<String> routes() {
    return routes;
  }

  public Scope scope() {
    return scope;
  }

  public Instant activatedAt() {
    return activatedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public String scenarioId() {
    return scenarioId;
  }

  public String activatedBy() {
    return activatedBy;
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean matchesRoute(PathContainer path) {
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }

  /** Counts one matching request; true when it is the Nth (deterministic mode). */
  public boolean nthMatch() {
    return matched.incrementAndGet() % every == 0;
  }

  /** Ends this activation: in-flight waits return at once. Idempotent. */
  public void release() {
    released.countDown();
  }

  public boolean released() {
    return released.getCount() == 0;
  }

  /**
   * Waits up to {@code nanos} for this activation to end.
   *
   * @return true if it ended (the caller must stop acting), false when the time ran out
   */
  public boolean awaitRelease(long nanos) throws InterruptedException {
    return released.await(nanos, TimeUnit.NANOSECONDS);
  }
}
