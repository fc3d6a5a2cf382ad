package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.Port;
import java.util.concurrent.TimeUnit;

/**
 * Hooks through which the shop's order code suffers anomalies that live in code this package does
 * not own: slow-dependency (the payment gateway call) and idor (the order ownership check). Each is
 * inert without a hit on the current request. See also {@link BusinessRules}.
 */
@Port
public final class ShopRules {

  private static final ChaosType IDOR = ChaosType.of("idor");
  private static final ChaosType SLOW_DEPENDENCY = ChaosType.of("slow-dependency");

  private static final long[] DEPENDENCY_MS = SLOW_DEPENDENCY.longs("extraMs");

  private ShopRules() {}

  /**
   * slow-dependency: call just before the downstream call (e.g. the payment gateway); waits the
   * level's extra time, or returns at once. Never waits less than asked; ends early on halt.
   */
  public static void dependencyCall(String dependency) {
    Activation a = PolicyContext.hit(SLOW_DEPENDENCY);
    if (a != null) {
      Waiter.REAL.sleepUntil(
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEPENDENCY_MS[a.level() - 1]), a);
    }
  }

  /**
   * idor: 0 when order routes must check ownership (always, unless this anomaly hits and the safety
   * mode allows it), else the level 1–5 of the flaw (see docs/chaos.md).
   */
  public static int ownershipGap() {
    Activation a = PolicyContext.hit(IDOR);
    return a == null ? 0 : a.level();
  }

  /** How far back another customer's orders are served per level; null: any order. */
  private static final java.time.Duration[] IDOR_REACH = IDOR.durations("reach");

  /**
   * idor: whether an order placed at {@code placedAt}, by someone else, is served to the caller at
   * {@code now} (false without a hit).
   */
  public static boolean servesOtherCustomers(java.time.Instant placedAt, java.time.Instant now) {
    int level = ownershipGap();
    if (level == 0) {
      return false;
    }
    java.time.Duration reach = IDOR_REACH[level - 1];
    return reach == null || !placedAt.isBefore(now.minus(reach));
  }
}
