package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Views.Detection;
import dev.perfshop.server.pedagogy.Views.SignalChart;
import dev.perfshop.server.pedagogy.Views.SignalPoint;
import dev.perfshop.server.signals.MetricSample;
import dev.perfshop.server.signals.MetricsHistory;
import dev.perfshop.server.stats.RouteStats;
import dev.perfshop.server.stats.RouteStats.RoutePoint;
import dev.perfshop.server.system.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The key signal of each anomaly of a run, for the debrief: the live statistics keep five minutes
 * and the JVM history thirty, so this keeper copies both every minute into a history of {@link
 * #KEEP} (in memory: a restart forgets it; the debrief then says no data was kept). For an anomaly
 * it cuts the window from a little before its start to a little after its end and picks the signal
 * that shows it: the heap for a leak, CPU for a burn, waiting connections for pool exhaustion, SQL
 * time for slow queries, else the p95 (or, for failures, the server-error share) of the route that
 * changed most. At most {@link #MAX_POINTS} points per chart: longer windows are merged into wider
 * steps (the highest p95 of a step, the error share of all its requests, the mean of a gauge).
 *
 * <p>It collects on its own daemon thread, not with {@code @Scheduled}: Spring would time a
 * scheduled method in a public meter named after this class, and the public scrape must not name
 * anomalies (MetricsVisibilityTests).
 */
@Component
public class DebriefSignals implements SmartLifecycle {

  static final Duration KEEP = Duration.ofHours(3);
  static final int MAX_POINTS = 120;
  static final int STEP = 5;
  private static final Duration MIN_PAD = Duration.ofSeconds(60);
  private static final Duration MAX_PAD = Duration.ofMinutes(5);

  private static final Set<String> HEAP = Set.of("memory-leak", "gc-pressure");
  private static final Set<String> CPU = Set.of("cpu-burn");
  private static final Set<String> THREADS = Set.of("thread-leak");
  private static final Set<String> POOL = Set.of("pool-exhaustion");
  private static final Set<String> SQL = Set.of("slow-query", "db-latency");
  private static final Set<String> ERRORS = Set.of("error-rate", "wrong-status", "db-outage");

  private final RouteStats stats;
  private final ObjectProvider<MetricsHistory> history;
  private final Clock clock;
  private final Map<String, TreeMap<Long, RoutePoint>> routes = new HashMap<>();
  private final TreeMap<Long, MetricSample> jvm = new TreeMap<>();

  DebriefSignals(RouteStats stats, ObjectProvider<MetricsHistory> history, Clock clock) {
    this.stats = stats;
    this.history = history;
    this.clock = clock;
  }

  /** Copies the sources every minute (they keep five), on its own daemon thread. */
  private final PeriodicTask collector =
      new PeriodicTask(
          "debrief-signals", Duration.ofMinutes(1), Duration.ofMinutes(1), this::collect);

  @Override
  public void start() {
    collector.start();
  }

  @Override
  public void stop() {
    collector.stop();
  }

  @Override
  public boolean isRunning() {
    return collector.isRunning();
  }

  /** Copies the last five minutes of both sources (a slot seen again replaces its older copy). */
  public void collect() {
    synchronized (this) {
      collectLocked();
    }
  }

  private void collectLocked() {
    for (RoutePoint p : stats.series(300)) {
      routes.computeIfAbsent(p.route(), r -> new TreeMap<>()).put(p.t(), p);
    }
    MetricsHistory h = history.getIfAvailable();
    if (h != null) {
      for (MetricSample s : h.since(300)) {
        jvm.put(s.t(), s);
      }
    }
    long oldest = clock.instant().minus(KEEP).getEpochSecond();
    routes.values().forEach(m -> m.headMap(oldest).clear());
    routes.values().removeIf(TreeMap::isEmpty);
    jvm.headMap(oldest).clear();
  }

  /** One chart per anomaly of the run, in the order of the detections. */
  public synchronized List<SignalChart> charts(List<Detection> anomalies) {
    collectLocked();
    Instant now = clock.instant();
    List<SignalChart> out = new ArrayList<>();
    for (Detection d : anomalies) {
      out.add(chart(d, now));
    }
    return out;
  }

  private SignalChart chart(Detection d, Instant now) {
    Instant start = d.startedAt();
    Instant end = d.endedAt() == null || d.endedAt().isAfter(now) ? now : d.endedAt();
    Duration length = Duration.between(start, end);
    Duration pad = length.dividedBy(4);
    pad = pad.compareTo(MIN_PAD) < 0 ? MIN_PAD : pad.compareTo(MAX_PAD) > 0 ? MAX_PAD : pad;
    long from = floor(start.minus(pad).getEpochSecond());
    Instant toInstant = end.plus(pad).isAfter(now) ? now : end.plus(pad);
    long to = floor(toInstant.getEpochSecond());
    int step = STEP * (int) Math.max(1, Math.ceil((to - from) / (double) STEP / MAX_POINTS));
    String type = d.anomaly();
    Candidate c = null;
    if (HEAP.contains(type)) {
      c = gauge("heap", "Heap used", "MB", s -> s.heap().used() / 1_048_576.0, from, to, step);
    } else if (CPU.contains(type)) {
      c = gauge("cpu", "Process CPU", "%", s -> s.cpu().process() * 100, from, to, step);
    } else if (THREADS.contains(type)) {
      c =
          gauge(
              "threads",
              "Live threads",
              "threads",
              s -> s.threads().values().stream().mapToLong(Long::longValue).sum(),
              from,
              to,
              step);
    } else if (POOL.contains(type)) {
      c =
          gauge(
              "pool-pending",
              "Requests waiting for a database connection",
              "connections",
              s -> s.pool().pending(),
              from,
              to,
              step);
    } else if (SQL.contains(type)) {
      c = gauge("sql", "Mean SQL statement time", "ms", s -> s.sql().meanMillis(), from, to, step);
    }
    if (c == null || c.points.isEmpty()) {
      c =
          route(
              ERRORS.contains(type), start.getEpochSecond(), end.getEpochSecond(), from, to, step);
    }
    long s0 = start.getEpochSecond();
    long e0 = end.getEpochSecond();
    return new SignalChart(
        type,
        d.scenarioId(),
        start,
        d.endedAt(),
        c.signal,
        c.label,
        c.unit,
        c.route,
        Instant.ofEpochSecond(from),
        Instant.ofEpochSecond(to + STEP),
        step,
        c.points,
        mean(c.points, p -> p.t() + step <= s0),
        mean(c.points, p -> p.t() + step > s0 && p.t() < e0));
  }

  private Candidate gauge(
      String signal,
      String label,
      String unit,
      ToDoubleFunction<MetricSample> value,
      long from,
      long to,
      int step) {
    List<SignalPoint> points = new ArrayList<>();
    for (long t = from; t <= to; t += step) {
      double sum = 0;
      int n = 0;
      for (MetricSample s : jvm.subMap(t, true, t + step, false).values()) {
        sum += value.applyAsDouble(s);
        n++;
      }
      if (n > 0) {
        points.add(new SignalPoint(t, round(sum / n)));
      }
    }
    return new Candidate(signal, label, unit, null, points);
  }

  /**
   * The route whose chosen statistic changed most between before the start and the anomaly: p95
   * (ratio during/before), or for failures the server-error share (during minus before).
   */
  private Candidate route(boolean errors, long start, long end, long from, long to, int step) {
    Candidate best = null;
    double bestChange = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, TreeMap<Long, RoutePoint>> e : new TreeMap<>(routes).entrySet()) {
      List<SignalPoint> points = new ArrayList<>();
      for (long t = from; t <= to; t += step) {
        var slots = e.getValue().subMap(t, true, t + step, false).values();
        long count = 0;
        long failed = 0;
        double p95 = 0;
        for (RoutePoint p : slots) {
          count += p.count();
          failed += p.errors();
          p95 = Math.max(p95, p.p95());
        }
        if (count > 0) {
          points.add(new SignalPoint(t, errors ? round(100.0 * failed / count) : round(p95)));
        }
      }
      Double before = mean(points, p -> p.t() + step <= start);
      Double during = mean(points, p -> p.t() + step > start && p.t() < end);
      if (during == null) {
        continue;
      }
      double change =
          errors
              ? during - (before == null ? 0 : before)
              : during / Math.max(1, before == null ? 1 : before);
      if (change > bestChange) {
        bestChange = change;
        best =
            errors
                ? new Candidate(
                    "error-share", "Server errors of " + e.getKey(), "%", e.getKey(), points)
                : new Candidate("p95", "p95 latency of " + e.getKey(), "ms", e.getKey(), points);
      }
    }
    return best != null
        ? best
        : new Candidate(
            errors ? "error-share" : "p95",
            errors ? "Server errors" : "p95 latency",
            errors ? "%" : "ms",
            null,
            List.of());
  }

  private static Double mean(
      List<SignalPoint> points, java.util.function.Predicate<SignalPoint> in) {
    double sum = 0;
    int n = 0;
    for (SignalPoint p : points) {
      if (in.test(p)) {
        sum += p.value();
        n++;
      }
    }
    return n == 0 ? null : round(sum / n);
  }

  private static long floor(long epochSecond) {
    return epochSecond - Math.floorMod(epochSecond, STEP);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private record Candidate(
      String signal, String label, String unit, String route, List<SignalPoint> points) {}
}
