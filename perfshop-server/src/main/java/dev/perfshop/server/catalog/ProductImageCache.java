package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RequestPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Retains real heap, like a cache that never evicts. The retained total never exceeds the level's
 * share of the max heap (at most 50 %), no chunk is added while the heap in use would pass 50 % of
 * the max heap, and everything is dropped when the activation ends.
 */
@Component
public class ProductImageCache implements RequestPolicy {

  private static final ChaosType MEMORY_LEAK = ChaosType.of("memory-leak");

  private static final long[] CHUNK_KIB = MEMORY_LEAK.longs("chunkKiB");
  private static final double[] SHARE = MEMORY_LEAK.doubles("heapShare");
  static final double MAX_SHARE = 0.50;

  private final ConcurrentLinkedQueue<byte[]> retained = new ConcurrentLinkedQueue<>();
  private final AtomicLong retainedBytes = new AtomicLong();
  private final long maxHeap = Runtime.getRuntime().maxMemory();

  @Override
  public ChaosType type() {
    return MEMORY_LEAK;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    int chunk = (int) (CHUNK_KIB[a.level() - 1] << 10);
    long cap = capBytes(a.level());
    Runtime rt = Runtime.getRuntime();
    if (rt.totalMemory() - rt.freeMemory() + chunk > maxHeap * MAX_SHARE) {
      return; // never push the heap in use past half of the max heap
    }
    long now;
    do {
      now = retainedBytes.get();
      if (now + chunk > cap) {
        return;
      }
    } while (!retainedBytes.compareAndSet(now, now + chunk));
    byte[] block = new byte[chunk];
    for (int i = 0; i < chunk; i += 4096) {
      block[i] = (byte) i; // touch every page
    }
    retained.add(block);
    if (a.released()) {
      release(a);
    }
  }

  public long capBytes(int level) {
    return (long) (maxHeap * Math.min(SHARE[level - 1], MAX_SHARE));
  }

  public long retainedBytes() {
    return retainedBytes.get();
  }

  @Override
  public void release(Activation activation) {
    byte[] block;
    while ((block = retained.poll()) != null) {
      retainedBytes.addAndGet(-block.length);
    }
  }
}
