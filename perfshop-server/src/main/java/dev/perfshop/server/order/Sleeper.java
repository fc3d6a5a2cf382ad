package dev.perfshop.server.order;

import java.time.Duration;

/**
 * How the payment gateway waits: a seam so tests can skip the wait and chaos (slow-dependency) can
 * stretch it, without touching the gateway.
 */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  Sleeper THREAD =
      d -> {
        if (!d.isZero() && !d.isNegative()) {
          Thread.sleep(d);
        }
      };
}
