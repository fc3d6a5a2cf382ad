package dev.perfshop.server.chaos;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The immutable set of activations, at most one per type. The admin API builds a new plan and swaps
 * it in atomically; readers never see half a change. Expired activations stay in the plan until the
 * purge removes them, but {@link #live} ignores them.
 */
public final class ChaosPlan {

  public static final ChaosPlan EMPTY = new ChaosPlan(new Activation[ChaosType.values().size()], 0);

  /** Indexed by {@link ChaosType#index()}: one array read per lookup on the request path. */
  private final Activation[] byType;

  private final Activation[] all;
  private final long generation;

  private ChaosPlan(Activation[] byType, long generation) {
    this.byType = byType;
    this.all = Arrays.stream(byType).filter(Objects::nonNull).toArray(Activation[]::new);
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
    return byType[type.index()];
  }

  /** The activation of this type if it is live at {@code now}. */
  public Activation live(ChaosType type, Instant now) {
    Activation a = get(type);
    return a == null || a.expired(now) ? null : a;
  }

  /** The activations live at {@code now}, in catalogue order. */
  public List<Activation> live(Instant now) {
    return Arrays.stream(all).filter(a -> !a.expired(now)).toList();
  }

  ChaosPlan with(Activation activation) {
    Activation[] next = byType.clone();
    next[activation.type().index()] = activation;
    return new ChaosPlan(next, generation + 1);
  }

  ChaosPlan without(ChaosType type) {
    Activation[] next = byType.clone();
    next[type.index()] = null;
    return new ChaosPlan(next, generation + 1);
  }

  ChaosPlan cleared() {
    return new ChaosPlan(new Activation[byType.length], generation + 1);
  }
}
