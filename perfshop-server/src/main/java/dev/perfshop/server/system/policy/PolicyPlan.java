package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.Port;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The immutable set of activations: at most one per type and scope, so several class sessions on
 * one server can each run the same type with their own targets (and an unscoped one may run beside
 * them). The admin API builds a new plan and swaps it in atomically; readers never see half a
 * change. Expired activations stay in the plan until the purge removes them, but {@link #live}
 * ignores them.
 */
@Port
public final class PolicyPlan {

  public static final PolicyPlan EMPTY = new PolicyPlan(new Activation[0], 0);

  /** Catalogue order, then the unscoped activation first, then by scope. */
  private static final Comparator<Activation> ORDER =
      Comparator.<Activation>comparingInt(a -> a.type().index())
          .thenComparing(a -> a.scope().kind())
          .thenComparing(a -> Objects.toString(a.scope().id(), ""));

  private final Activation[] all;

  /** The first activation of each type, by identity (no call into the catalogue on read). */
  private final IdentityHashMap<ChaosType, Activation> firstByType;

  private final long generation;

  private PolicyPlan(Activation[] all, long generation) {
    Arrays.sort(all, ORDER);
    this.all = all;
    this.firstByType = new IdentityHashMap<>();
    for (int i = all.length - 1; i >= 0; i--) {
      firstByType.put(all[i].type(), all[i]);
    }
    this.generation = generation;
  }

  public boolean isEmpty() {
    return all.length == 0;
  }

  /** Increases with every change; lets a reader tell two plans apart cheaply. */
  public long generation() {
    return generation;
  }

  /** Every activation, including expired ones not yet purged, in catalogue order. */
  public Activation[] all() {
    return all;
  }

  /** The first activation of this type (the unscoped one if there is one). */
  public Activation get(ChaosType type) {
    return firstByType.get(type);
  }

  /** The activation of this type and exactly this scope. */
  public Activation get(ChaosType type, Scope scope) {
    for (Activation a : all) {
      if (a.type() == type && a.scope().equals(scope)) {
        return a;
      }
    }
    return null;
  }

  /** The first activation of this type live at {@code now}, whatever its scope. */
  public Activation live(ChaosType type, Instant now) {
    for (Activation a : all) {
      if (a.type() == type && !a.expired(now)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The activation of this type live at {@code now} that acts on the traffic of class session
   * {@code sessionId}: the session's own, else an unscoped one; {@code null} when neither is live.
   */
  public Activation liveFor(ChaosType type, Instant now, String sessionId) {
    Activation unscoped = null;
    for (Activation a : all) {
      if (a.type() != type || a.expired(now)) {
        continue;
      }
      if (a.scope().kind() == Scope.Kind.SESSION && a.scope().id().equals(sessionId)) {
        return a;
      }
      if (a.scope().kind() == Scope.Kind.ALL && unscoped == null) {
        unscoped = a;
      }
    }
    return unscoped;
  }

  /** Whether an activation of this plan has run out at {@code now} (the purge's work). */
  public boolean anyExpired(Instant now) {
    for (Activation a : all) {
      if (a.expired(now)) {
        return true;
      }
    }
    return false;
  }

  /** The activations live at {@code now}, in catalogue order. */
  public List<Activation> live(Instant now) {
    return Arrays.stream(all).filter(a -> !a.expired(now)).toList();
  }

  /** Adds {@code activation}, replacing the one of the same type and scope. */
  public PolicyPlan with(Activation activation) {
    List<Activation> next =
        remove(a -> a.type() == activation.type() && a.scope().equals(activation.scope()));
    next.add(activation);
    return new PolicyPlan(next.toArray(Activation[]::new), generation + 1);
  }

  /** Without every activation of {@code type}, whatever its scope. */
  public PolicyPlan without(ChaosType type) {
    return new PolicyPlan(remove(a -> a.type() == type).toArray(Activation[]::new), generation + 1);
  }

  /** Without this very activation. */
  public PolicyPlan without(Activation activation) {
    return new PolicyPlan(remove(a -> a == activation).toArray(Activation[]::new), generation + 1);
  }

  public PolicyPlan cleared() {
    return new PolicyPlan(new Activation[0], generation + 1);
  }

  private List<Activation> remove(Predicate<Activation> gone) {
    List<Activation> kept = new ArrayList<>(all.length + 1);
    for (Activation a : all) {
      if (!gone.test(a)) {
        kept.add(a);
      }
    }
    return kept;
  }
}
