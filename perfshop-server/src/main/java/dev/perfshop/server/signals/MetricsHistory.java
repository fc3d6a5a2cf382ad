package dev.perfshop.server.signals;

import dev.perfshop.server.system.Port;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A bounded history of the server's own Micrometer meters: one {@link MetricSample} every {@link
 * #STEP_SECONDS} seconds, the last {@link #CAPACITY} kept (30 minutes). Counters and timers are
 * turned into per-step deltas (pauses, acquire and statement times in that step); gauges are read
 * as they are. A sample reads a few dozen meters: its cost is a few microseconds every five
 * seconds.
 */
@Port
public class MetricsHistory {

  public static final int STEP_SECONDS = 5;
  public static final int CAPACITY = 360;

  private final MeterRegistry registry;
  private final Clock clock;
  private final MetricSample[] ring = new MetricSample[CAPACITY];
  private long written;
  private Totals previous;

  public MetricsHistory(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Reads the registry now and appends one sample. */
  public synchronized MetricSample sample() {
    Totals now = totals();
    Totals before = previous == null ? now : previous;
    previous = now;
    long t = clock.millis() / 1000;
    Map<String, Long> pools = new TreeMap<>();
    Map<String, Long> poolsAfterGc = new TreeMap<>();
    for (Meter m : registry.find("jvm.memory.used").tag("area", "heap").meters()) {
      pools.put(m.getId().getTag("id"), gaugeLong(m));
    }
    for (Meter m : registry.find(HeapFloorMeters.NAME).tag("area", "heap").meters()) {
      poolsAfterGc.put(m.getId().getTag("id"), gaugeLong(m));
    }
    Map<String, Long> threads = new TreeMap<>();
    for (Meter m : registry.find("jvm.threads.states").meters()) {
      threads.put(m.getId().getTag("state"), gaugeLong(m));
    }
    long gcCount = now.gcCount - before.gcCount;
    long acquireCount = now.acquireCount - before.acquireCount;
    long sqlCount = now.sqlCount - before.sqlCount;
    MetricSample sample =
        new MetricSample(
            t,
            new MetricSample.Heap(
                sum(pools),
                sumGauge("jvm.memory.committed"),
                sumGauge("jvm.memory.max"),
                sum(poolsAfterGc),
                pools,
                poolsAfterGc),
            new MetricSample.Gc(gcCount, round(now.gcMillis - before.gcMillis)),
            new MetricSample.Cpu(gauge("process.cpu.usage"), gauge("system.cpu.usage")),
            threads,
            new MetricSample.Pool(
                (long) gauge("hikaricp.connections.active"),
                (long) gauge("hikaricp.connections.idle"),
                (long) gauge("hikaricp.connections.pending"),
                (long) gauge("hikaricp.connections.max"),
                acquireCount,
                acquireCount == 0
                    ? 0
                    : round((now.acquireMillis - before.acquireMillis) / acquireCount)),
            new MetricSample.Sql(
                sqlCount,
                sqlCount == 0 ? 0 : round((now.sqlMillis - before.sqlMillis) / sqlCount),
                round(now.sqlMaxMillis)));
    ring[(int) (written % CAPACITY)] = sample;
    written++;
    return sample;
  }

  /** The samples of the last {@code windowSeconds}, oldest first. */
  public synchronized List<MetricSample> since(long windowSeconds) {
    long from = clock.millis() / 1000 - windowSeconds;
    List<MetricSample> out = new ArrayList<>();
    long first = Math.max(0, written - CAPACITY);
    for (long i = first; i < written; i++) {
      MetricSample s = ring[(int) (i % CAPACITY)];
      if (s.t() > from) {
        out.add(s);
      }
    }
    return out;
  }

  /** Epoch second of the oldest sample kept, or -1 before the first. */
  public synchronized long oldest() {
    if (written == 0) {
      return -1;
    }
    return ring[(int) (Math.max(0, written - CAPACITY) % CAPACITY)].t();
  }

  private Totals totals() {
    Totals t = new Totals();
    for (Timer timer : registry.find("jvm.gc.pause").timers()) {
      t.gcCount += timer.count();
      t.gcMillis += timer.totalTime(TimeUnit.MILLISECONDS);
    }
    for (Timer timer : registry.find("hikaricp.connections.acquire").timers()) {
      t.acquireCount += timer.count();
      t.acquireMillis += timer.totalTime(TimeUnit.MILLISECONDS);
    }
    for (Timer timer : registry.find(SqlObservations.NAME).timers()) {
      t.sqlCount += timer.count();
      t.sqlMillis += timer.totalTime(TimeUnit.MILLISECONDS);
      t.sqlMaxMillis = Math.max(t.sqlMaxMillis, timer.max(TimeUnit.MILLISECONDS));
    }
    return t;
  }

  private double gauge(String name) {
    double total = 0;
    for (Gauge g : registry.find(name).gauges()) {
      double v = g.value();
      if (Double.isFinite(v)) {
        total += v;
      }
    }
    return total;
  }

  private long sumGauge(String name) {
    long total = 0;
    for (Meter m : registry.find(name).tag("area", "heap").meters()) {
      long v = gaugeLong(m);
      if (v > 0) {
        total += v;
      }
    }
    return total;
  }

  private static long gaugeLong(Meter m) {
    if (m instanceof Gauge g && Double.isFinite(g.value())) {
      return (long) g.value();
    }
    return 0;
  }

  private static long sum(Map<String, Long> values) {
    return values.values().stream().mapToLong(Long::longValue).sum();
  }

  private static double round(double millis) {
    return Math.round(millis * 100) / 100.0;
  }

  private static final class Totals {
    long gcCount;
    double gcMillis;
    long acquireCount;
    double acquireMillis;
    long sqlCount;
    double sqlMillis;
    double sqlMaxMillis;
  }
}
