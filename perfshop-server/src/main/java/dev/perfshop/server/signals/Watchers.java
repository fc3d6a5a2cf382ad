package dev.perfshop.server.signals;

import java.util.concurrent.TimeUnit;

/**
 * Whether someone looked at a signal recently. Costly recorders (traces, profiles) run only while a
 * page asks for them, and stop {@code idle} after the last look, so a server nobody watches pays
 * one volatile read per request.
 */
final class Watchers {

  private final long idleNanos;
  private volatile long lastLook = Long.MIN_VALUE;

  Watchers(long idle, TimeUnit unit) {
    this.idleNanos = unit.toNanos(idle);
  }

  void look() {
    lastLook = System.nanoTime();
  }

  boolean watched() {
    long last = lastLook;
    return last != Long.MIN_VALUE && System.nanoTime() - last < idleNanos;
  }
}
