package dev.perfshop.server.system.policy;

import dev.perfshop.server.system.Port;

/**
 * Seam for every wait the engine injects. The real one parks until a {@code System.nanoTime()}
 * deadline and never returns early unless the activation ends; tests can record instead.
 */
@Port
public interface Waiter {

  /**
   * Waits until {@code System.nanoTime() >= deadlineNanos}, or until the activation is released.
   *
   * @return true when the deadline was reached, false when the activation ended first
   */
  boolean sleepUntil(long deadlineNanos, Activation activation);

  Waiter REAL =
      (deadline, activation) -> {
        try {
          long left;
          while ((left = deadline - System.nanoTime()) > 0) {
            if (activation.awaitRelease(left)) {
              return false;
            }
          }
          return true;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      };
}
