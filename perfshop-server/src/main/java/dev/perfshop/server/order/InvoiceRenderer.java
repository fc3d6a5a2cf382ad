package dev.perfshop.server.order;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RequestPolicy;
import dev.perfshop.server.system.policy.Waiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Makes matched requests take turns through one shared lock around a slow section, as a legacy
 * synchronized cache would: request threads pile up waiting (visible in a thread dump and in
 * Tomcat's busy-thread metric). Waiters give up as soon as the activation ends.
 */
@Component
public class InvoiceRenderer implements RequestPolicy {

  private static final ChaosType THREAD_STARVATION = ChaosType.of("thread-starvation");

  private static final long[] PERMITS = THREAD_STARVATION.longs("permits");
  private static final long[] WORK_MS = THREAD_STARVATION.longs("workMs");

  private final Waiter sleeper;
  private final Map<Activation, Semaphore> locks = new ConcurrentHashMap<>();

  InvoiceRenderer(Waiter sleeper) {
    this.sleeper = sleeper;
  }

  @Override
  public ChaosType type() {
    return THREAD_STARVATION;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response)
      throws InterruptedException {
    render(a);
  }

  /** Renders behind the shared lock: requests take turns here, as a thread dump shows. */
  private void render(Activation a) throws InterruptedException {
    Semaphore lock =
        locks.computeIfAbsent(a, k -> new Semaphore((int) PERMITS[k.level() - 1], true));
    while (!lock.tryAcquire(10, TimeUnit.MILLISECONDS)) {
      if (a.released()) {
        return;
      }
    }
    try {
      sleeper.sleepUntil(
          System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WORK_MS[a.level() - 1]), a);
    } finally {
      lock.release();
    }
  }

  /** Requests waiting for the lock of this activation (for tests and diagnostics). */
  public int waiting(Activation a) {
    Semaphore lock = locks.get(a);
    return lock == null ? 0 : lock.getQueueLength();
  }

  @Override
  public void release(Activation activation) {
    locks.remove(activation);
  }
}
