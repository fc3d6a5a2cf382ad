package dev.perfshop.server.stats;

import dev.perfshop.server.system.Port;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Live statistics per route: request count, errors and a latency histogram in 5-second slots over
 * the last five minutes. Scenario expectations and the student's live charts read it; it is
 * independent of Prometheus so a class without the Docker stack can still observe.
 *
 * <p>Recording takes one short per-slot lock; reading merges the slots of a window.
 */
@Port
public class RouteStats {

  static final int SLOT_SECONDS = 5;
  static final int SLOTS = 60;
  private static final long MAX_MICROS = 120_000_000L;

  private final Clock clock;
  private final Map<String, Slot[]> routes = new ConcurrentHashMap<>();

  public RouteStats(Clock clock) {
    this.clock = clock;
  }

  /** Records one request of {@code route} (e.g. {@code GET /api/products/{id}}). */
  public void record(String route, long nanos, int status) {
    long slotIndex = clock.millis() / 1000 / SLOT_SECONDS;
    Slot[] ring = routes.computeIfAbsent(route, r -> newRing());
    Slot slot = ring[(int) (slotIndex % SLOTS)];
    synchronized (slot) {
      if (slot.index != slotIndex) {
        slot.reset(slotIndex);
      }
      slot.count++;
      if (status >= 500) {
        slot.serverErrors++;
      } else if (status >= 400) {
        slot.clientErrors++;
      }
      slot.latency.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1000)));
    }
  }

  /** Totals per route over the last {@code windowSeconds} (rounded up to whole slots). */
  public List<RouteSummary> summary(int windowSeconds) {
    long now = clock.millis() / 1000 / SLOT_SECONDS;
    int slots = slots(windowSeconds);
    List<RouteSummary> out = new ArrayList<>();
    new TreeMap<>(routes)
        .forEach(
            (route, ring) -> {
              Histogram merged = newHistogram();
              long count = 0;
              long serverErrors = 0;
              long clientErrors = 0;
              for (long i = now - slots + 1; i <= now; i++) {
                Slot slot = ring[(int) (Math.floorMod(i, SLOTS))];
                synchronized (slot) {
                  if (slot.index == i) {
                    count += slot.count;
                    serverErrors += slot.serverErrors;
                    clientErrors += slot.clientErrors;
                    merged.add(slot.latency);
                  }
                }
              }
              if (count > 0) {
                out.add(
                    new RouteSummary(
                        route,
                        count,
                        (double) count / (slots * SLOT_SECONDS),
                        (double) serverErrors / count,
                        (double) clientErrors / count,
                        millis(merged.getValueAtPercentile(50)),
                        millis(merged.getValueAtPercentile(95)),
                        millis(merged.getValueAtPercentile(99)),
                        millis(merged.getMaxValue())));
              }
            });
    return out;
  }

  /** One point per slot and route over the last {@code windowSeconds}, oldest first. */
  public List<RoutePoint> series(int windowSeconds) {
    long now = clock.millis() / 1000 / SLOT_SECONDS;
    int slots = slots(windowSeconds);
    List<RoutePoint> out = new ArrayList<>();
    new TreeMap<>(routes)
        .forEach(
            (route, ring) -> {
              for (long i = now - slots + 1; i <= now; i++) {
                Slot slot = ring[(int) (Math.floorMod(i, SLOTS))];
                synchronized (slot) {
                  if (slot.index == i && slot.count > 0) {
                    out.add(
                        new RoutePoint(
                            route,
                            i * SLOT_SECONDS,
                            slot.count,
                            slot.serverErrors,
                            millis(slot.latency.getValueAtPercentile(50)),
                            millis(slot.latency.getValueAtPercentile(95)),
                            millis(slot.latency.getValueAtPercentile(99))));
                  }
                }
              }
            });
    return out;
  }

  /** Forgets everything (data reset, tests). */
  public void clear() {
    routes.clear();
  }

  static int slots(int windowSeconds) {
    int clamped = Math.max(SLOT_SECONDS, Math.min(windowSeconds, SLOT_SECONDS * SLOTS));
    return (clamped + SLOT_SECONDS - 1) / SLOT_SECONDS;
  }

  private static double millis(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  private static Slot[] newRing() {
    Slot[] ring = new Slot[SLOTS];
    for (int i = 0; i < SLOTS; i++) {
      ring[i] = new Slot();
    }
    return ring;
  }

  private static Histogram newHistogram() {
    return new Histogram(1, MAX_MICROS, 2);
  }

  /** Totals of one route over a window. Latencies in milliseconds; rates as fractions 0–1. */
  public record RouteSummary(
      String route,
      long count,
      double throughput,
      double errorRate,
      double clientErrorRate,
      double p50,
      double p95,
      double p99,
      double max) {}

  /** One slot of one route: {@code t} is the slot's start in epoch seconds. */
  public record RoutePoint(
      String route, long t, long count, long errors, double p50, double p95, double p99) {}

  private static final class Slot {
    long index = Long.MIN_VALUE;
    long count;
    long serverErrors;
    long clientErrors;
    final Histogram latency = newHistogram();

    void reset(long newIndex) {
      index = newIndex;
      count = 0;
      serverErrors = 0;
      clientErrors = 0;
      latency.reset();
    }
  }
}
