package dev.perfshop.server.signals;

import dev.perfshop.server.system.Port;
import java.util.Map;

/**
 * The server's state at second {@code t} (epoch seconds). Sizes in bytes, times in milliseconds,
 * CPU as a fraction 0–1 of all cores; counts and times of GC, pool acquisition and SQL are those of
 * the step that ends at {@code t}.
 */
@Port
public record MetricSample(
    long t, Heap heap, Gc gc, Cpu cpu, Map<String, Long> threads, Pool pool, Sql sql) {

  /** Heap used now (total and per pool), and what each pool kept after its last collection. */
  public record Heap(
      long used,
      long committed,
      long max,
      long afterGc,
      Map<String, Long> pools,
      Map<String, Long> poolsAfterGc) {}

  /** Collections in the step and their summed pause time. */
  public record Gc(long pauses, double pauseMillis) {}

  public record Cpu(double process, double system) {}

  /** The JDBC connection pool: gauges now, and connections acquired in the step. */
  public record Pool(
      long active, long idle, long pending, long max, long acquired, double acquireMillis) {}

  /** SQL statements run in the step, their mean time, and the recent maximum. */
  public record Sql(long statements, double meanMillis, double maxMillis) {}
}
