package dev.perfshop.server.chaos;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Burns real CPU on the request thread (SHA-256 rounds, visible as {@code CpuBurnAssault.burn} in a
 * CPU profile). Bounded: a burn lasts at most 1 s, at most (cores − 1, at least 1) requests burn at
 * once (the others wait their turn, as on a saturated machine), and a burn stops as soon as its
 * activation ends.
 */
@Component
class CpuBurnAssault implements Assault {

  private static final long[] BURN_MS = {20, 50, 150, 400, 1000};
  static final int BURNERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

  private final Semaphore burners = new Semaphore(BURNERS);
  private volatile long sink;

  @Override
  public ChaosType type() {
    return ChaosType.CPU_BURN;
  }

  @Override
  public void attack(Activation a, HttpServletRequest request, HttpServletResponse response)
      throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(BURN_MS[a.level() - 1]);
    long deadline = System.nanoTime() + nanos;
    if (!burners.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
      return;
    }
    try {
      sink += burn(deadline, a);
    } finally {
      burners.release();
    }
  }

  /** Hashes until the deadline or the end of the activation; returns the rounds done. */
  long burn(long deadline, Activation a) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] block = new byte[64];
    long rounds = 0;
    while (System.nanoTime() < deadline && !a.released()) {
      for (int i = 0; i < 64; i++) {
        block = sha.digest(block);
        rounds++;
      }
    }
    return rounds + block[0];
  }
}
