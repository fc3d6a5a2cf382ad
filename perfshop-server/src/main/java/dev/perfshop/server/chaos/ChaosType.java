package dev.perfshop.server.chaos;

import dev.perfshop.scenario.ChaosCatalogue;
import dev.perfshop.server.system.Port;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One type of the chaos catalogue, built from {@code chaos-catalogue.yaml} (scenarios module): the
 * admin API accepts only these names, never a class name or an expression. Each type says, per
 * level, what it does, how often it fires (the default probability, which an activation may
 * override) and the numbers its behaviour reads. One instance per type, so identity compares.
 *
 * <p>Code that acts for a type holds it in a constant: {@code ChaosType.of("latency")}, which fails
 * at class initialisation when the catalogue has no such type.
 */
@Port
public final class ChaosType {

  private static final List<ChaosType> ALL;
  private static final Map<String, ChaosType> BY_ID = new HashMap<>();

  static {
    List<ChaosCatalogue.Type> types = ChaosCatalogue.types();
    ChaosType[] all = new ChaosType[types.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = new ChaosType(types.get(i), i);
      BY_ID.put(all[i].id(), all[i]);
    }
    ALL = List.of(all);
  }

  private final ChaosCatalogue.Type entry;
  private final int index;

  private ChaosType(ChaosCatalogue.Type entry, int index) {
    this.entry = entry;
    this.index = index;
  }

  /** Every type, in catalogue order. */
  public static List<ChaosType> values() {
    return ALL;
  }

  /** The type with this catalogue name, if any. */
  public static Optional<ChaosType> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** The type with this catalogue name; for constants of the code acting for it. */
  public static ChaosType of(String id) {
    ChaosType t = BY_ID.get(id);
    if (t == null) {
      throw new IllegalArgumentException("the chaos catalogue has no type '" + id + "'");
    }
    return t;
  }

  public String id() {
    return entry.id();
  }

  /** The family's name (performance, functional, business, security, scripting, infrastructure). */
  public String family() {
    return entry.family();
  }

  public String description() {
    return entry.description();
  }

  /** What level 1–5 does. */
  public String level(int level) {
    return entry.level(level).text();
  }

  /** The numbers level 1–5 gives its behaviour (e.g. latency's base delay). */
  public ChaosCatalogue.Level parameters(int level) {
    return entry.level(level);
  }

  /** A numeric parameter for levels 1–5, index 0–4 (read once into a constant by behaviours). */
  public long[] longs(String param) {
    long[] values = new long[entry.levels().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) entry.levels().get(i).number(param);
    }
    return values;
  }

  /** As {@link #longs}, with fractions. */
  public double[] doubles(String param) {
    double[] values = new double[entry.levels().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = entry.levels().get(i).number(param);
    }
    return values;
  }

  /**
   * As {@link #doubles}, for a parameter some levels do not give ({@code NaN} there): read into a
   * constant, so that code on the request path never calls into the catalogue.
   */
  public double[] optionalDoubles(String param) {
    double[] values = new double[entry.levels().size()];
    for (int i = 0; i < values.length; i++) {
      ChaosCatalogue.Level level = entry.levels().get(i);
      values[i] = level.has(param) ? level.number(param) : Double.NaN;
    }
    return values;
  }

  /** An ISO-8601 duration parameter for levels 1–5; null for a level that does not give it. */
  public java.time.Duration[] durations(String param) {
    java.time.Duration[] values = new java.time.Duration[entry.levels().size()];
    for (int i = 0; i < values.length; i++) {
      ChaosCatalogue.Level level = entry.levels().get(i);
      values[i] = level.has(param) ? java.time.Duration.parse(level.string(param)) : null;
    }
    return values;
  }

  /** The default probability that a matching request is affected at this level. */
  public double defaultProbability(int level) {
    return entry.level(level).probability();
  }

  /** Security types open real weaknesses: allowed only when the safety mode permits. */
  public boolean dangerous() {
    return entry.dangerous();
  }

  /** Route patterns an activation targets when it names none. */
  public List<String> defaultRoutes() {
    return entry.routes();
  }

  /** Position in the catalogue: 0 to {@code values().size() - 1}. */
  public int index() {
    return index;
  }

  @Override
  public String toString() {
    return id();
  }
}
