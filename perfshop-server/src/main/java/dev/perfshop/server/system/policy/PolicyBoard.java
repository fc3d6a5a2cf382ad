package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The request policies in force, as the request path reads them: one volatile load of an immutable
 * {@link PolicyPlan}, and a counter per type of the requests a policy acted on. The admin side (the
 * instructor's engine) writes both; nothing here waits, allocates or calls back into it, so a
 * request's stack never holds the admin side's frames.
 */
@Component
public class PolicyBoard {

  private final AtomicReference<PolicyPlan> plan = new AtomicReference<>(PolicyPlan.EMPTY);
  private volatile Map<ChaosType, Counter> acted = Map.of();

  /** The current plan: one volatile read, no lock. */
  public PolicyPlan plan() {
    return plan.get();
  }

  /** Installs {@code next}; returns the plan it replaced. Writers serialise among themselves. */
  public PolicyPlan swap(PolicyPlan next) {
    return plan.getAndSet(next);
  }

  /** The counters {@link #acted} increments, one per type (set once at start-up). */
  public void count(Map<ChaosType, Counter> counters) {
    this.acted = new IdentityHashMap<>(counters);
  }

  /**
   * The housekeeping sweep: runs {@code expire} only when an activation of the plan has run out.
   * The periodic check itself is this code, so the housekeeping thread shows no admin frame while
   * nothing expires (an expiry is the instructor's event, like an admin call).
   */
  public Runnable expirySweep(Clock clock, Runnable expire) {
    return () -> {
      if (plan().anyExpired(clock.instant())) {
        expire.run();
      }
    };
  }

  /** Counts one request the policy of {@code type} acted on. */
  void acted(ChaosType type) {
    Counter c = acted.get(type);
    if (c != null) {
      c.increment();
    }
  }
}
