package dev.perfshop.server.order;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyContext;
import dev.perfshop.server.system.policy.RequestPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * thread-leak: each hit starts a worker thread that waits forever, as an executor created per
 * request and never shut down would. Capped per level; every leaked thread ends when the activation
 * does (disable, halt or expiry), before the call returns.
 */
@Component
public class ShipmentNotifier implements RequestPolicy {

  private static final ChaosType THREAD_LEAK = ChaosType.of("thread-leak");

  private static final Logger log = LoggerFactory.getLogger(ShipmentNotifier.class);
  private static final long[] CAP = THREAD_LEAK.longs("maxThreads");
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ConcurrentLinkedQueue<Thread> leaked = new ConcurrentLinkedQueue<>();
  private final AtomicInteger live = new AtomicInteger();

  @Override
  public ChaosType type() {
    return THREAD_LEAK;
  }

  public int live() {
    return live.get();
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    int now;
    do {
      now = live.get();
      if (now >= CAP[a.level() - 1]) {
        return;
      }
    } while (!live.compareAndSet(now, now + 1));
    Thread t =
        Thread.ofPlatform()
            .name("pool-" + POOLS.incrementAndGet() + "-thread-1")
            .daemon(true)
            .unstarted(() -> notifyCarrier(a));
    leaked.add(t);
    t.start();
    if (a.released()) {
      release(a);
    }
  }

  /** A worker that waits for the carrier's answer, which never comes (until the release). */
  private void notifyCarrier(Activation a) {
    PolicyContext.putMdc(a);
    try {
      log.debug("refresh worker started");
      while (!a.awaitRelease(Long.MAX_VALUE)) {
        // waits for work that never comes
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      live.decrementAndGet();
      PolicyContext.clearMdc();
    }
  }

  @Override
  public void release(Activation activation) {
    Thread t;
    while ((t = leaked.poll()) != null) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
