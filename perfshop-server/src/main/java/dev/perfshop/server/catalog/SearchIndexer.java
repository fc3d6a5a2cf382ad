package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RequestPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/** Allocates short-lived garbage on the request thread; nothing survives the request. */
@Component
class SearchIndexer implements RequestPolicy {

  private static final ChaosType GC_PRESSURE = ChaosType.of("gc-pressure");

  private static final long[] MEGABYTES = GC_PRESSURE.longs("garbageMiB");
  private static final int BLOCK = 32 * 1024;

  private volatile long sink;

  @Override
  public ChaosType type() {
    return GC_PRESSURE;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    sink += rebuild(MEGABYTES[a.level() - 1] << 20, a);
  }

  static long rebuild(long bytes, Activation a) {
    long sum = 0;
    for (long done = 0; done < bytes && !a.released(); done += BLOCK) {
      byte[] garbage = new byte[BLOCK];
      garbage[(int) (done % BLOCK)] = 1;
      sum += garbage.length + garbage[0];
    }
    return sum;
  }
}
