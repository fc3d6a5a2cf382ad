package dev.perfshop.server.chaos;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/** Allocates short-lived garbage on the request thread; nothing survives the request. */
@Component
class GcPressureAssault implements Assault {

  private static final ChaosType GC_PRESSURE = ChaosType.of("gc-pressure");

  private static final long[] MEGABYTES = GC_PRESSURE.longs("garbageMiB");
  private static final int BLOCK = 32 * 1024;

  private volatile long sink;

  @Override
  public ChaosType type() {
    return GC_PRESSURE;
  }

  @Override
  public void attack(Activation a, HttpServletRequest request, HttpServletResponse response) {
    sink += allocate(MEGABYTES[a.level() - 1] << 20, a);
  }

  static long allocate(long bytes, Activation a) {
    long sum = 0;
    for (long done = 0; done < bytes && !a.released(); done += BLOCK) {
      byte[] garbage = new byte[BLOCK];
      garbage[(int) (done % BLOCK)] = 1;
      sum += garbage.length + garbage[0];
    }
    return sum;
  }
}
