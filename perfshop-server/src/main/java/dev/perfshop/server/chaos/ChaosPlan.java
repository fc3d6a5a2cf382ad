package dev.perfshop.server.chaos;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable set of activations, at most one per type. The admin API builds a new plan and swaps
 * it in atomically; readers never see half a change. Expired activations stay in the plan until the
 * purge removes them, but {@link #live} ignores them.
 */
public final class ChaosPlan {

  public static final ChaosPlan EMPTY = new ChaosPlan(new EnumMap<>(ChaosType.class), 0);

  private final Map<ChaosType, Activation> byType;
  private final Activation[] all;
  private final long generation;

  private ChaosPlan(EnumMap<ChaosType, Activation> byType, long generation) {
    this.byType = Collections.unmodifiableMap(byType);
    this.all = byType.values().toArray(Activation[]::new);
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
  Activation[] all() {
    return all;
  }

  public Activation get(ChaosType type) {
    return byType.get(type);
  }

  /** The activation of this type if it is live at {@code now}. */
  public Activation live(ChaosType type, Instant now) {
    Activation a = byType.get(type);
    return a == null || a.expired(now) ? null : a;
  }

  /** The activations live at {@code now}, in catalogue order. */
  public List<Activation> live(Instant now) {
    return byType.values().stream().filter(a -> !a.expired(now)).toList();
  }

  ChaosPlan with(Activation activation) {
    EnumMap<ChaosType, Activation> next = copy();
    next.put(activation.type(), activation);
    return new ChaosPlan(next, generation + 1);
  }

  ChaosPlan without(ChaosType type) {
    EnumMap<ChaosType, Activation> next = copy();
    next.remove(type);
    return new ChaosPlan(next, generation + 1);
  }

  ChaosPlan cleared() {
    return new ChaosPlan(new EnumMap<>(ChaosType.class), generation + 1);
  }

  private EnumMap<ChaosType, Activation> copy() {
    return byType.isEmpty() ? new EnumMap<>(ChaosType.class) : new EnumMap<>(byType);
  }
}
