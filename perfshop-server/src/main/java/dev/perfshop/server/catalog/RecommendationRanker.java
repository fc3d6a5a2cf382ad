package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RequestPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Burns real CPU on the request thread (SHA-256 rounds, visible as {@code
 * RecommendationRanker.burn} in a CPU profile). Bounded: a burn lasts at most 1 s, at most (cores −
 * 1, at least 1) requests burn at once (the others wait their turn, as on a saturated machine), and
 * a burn stops as soon as its activation ends.
 */
@Component
class RecommendationRanker implements RequestPolicy {

  private static final ChaosType CPU_BURN = ChaosType.of("cpu-burn");

  private static final long[] BURN_MS = CPU_BURN.longs("burnMs");
  static final int BURNERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

  private final Semaphore burners = new Semaphore(BURNERS);
  private volatile long sink;

  @Override
  public ChaosType type() {
    return CPU_BURN;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response)
      throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(BURN_MS[a.level() - 1]);
    if (!burners.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
      return;
    }
    try {
      sink += rank(nanos, System.nanoTime() + 3 * nanos, a);
    } finally {
      burners.release();
    }
  }

  /**
   * Hashes until this thread used {@code cpuNanos} of CPU, the wall deadline passed or the
   * activation ended; returns the rounds done.
   */
  long rank(long cpuNanos, long deadline, Activation a) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean measured = threads.isCurrentThreadCpuTimeSupported();
    long cpuTarget = measured ? threads.getCurrentThreadCpuTime() + cpuNanos : 0;
    long wallTarget = measured ? deadline : System.nanoTime() + cpuNanos;
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] block = new byte[64];
    long rounds = 0;
    while (System.nanoTime() < wallTarget
        && !a.released()
        && (!measured || threads.getCurrentThreadCpuTime() < cpuTarget)) {
      for (int i = 0; i < 64; i++) {
        block = sha.digest(block);
        rounds++;
      }
    }
    return rounds + block[0];
  }
}
