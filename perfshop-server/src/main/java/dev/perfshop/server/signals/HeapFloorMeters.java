package dev.perfshop.server.signals;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * {@code jvm.memory.used.after.gc}: what each heap pool held right after its last collection. Its
 * sum is the heap's floor: a floor that keeps rising run after run is memory the application holds
 * on to.
 */
final class HeapFloorMeters implements MeterBinder {

  static final String NAME = "jvm.memory.used.after.gc";

  @Override
  public void bindTo(MeterRegistry registry) {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP || pool.getCollectionUsage() == null) {
        continue;
      }
      Gauge.builder(NAME, pool, HeapFloorMeters::afterGc)
          .tags(Tags.of("area", "heap", "id", pool.getName()))
          .description("Bytes a heap pool held right after its last collection")
          .baseUnit("bytes")
          .register(registry);
    }
  }

  private static double afterGc(MemoryPoolMXBean pool) {
    MemoryUsage usage = pool.getCollectionUsage();
    return usage == null ? Double.NaN : usage.getUsed();
  }
}
