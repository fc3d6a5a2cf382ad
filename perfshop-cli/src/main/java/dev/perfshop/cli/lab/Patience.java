package dev.perfshop.cli.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** How long {@code lab verify} waits for a signal to show up, asking about once a second. */
final class Patience {

  private final Duration patience;
  private final Clock clock;

  Patience(Duration patience, Clock clock) {
    this.patience = patience;
    this.clock = clock;
  }

  long seconds() {
    return patience.toSeconds();
  }

  /** Calls {@code attempt} until {@code done} (its value) or the patience runs out (null). */
  <T> T until(Supplier<T> attempt, Predicate<T> done) {
    Instant deadline = clock.instant().plus(patience);
    while (true) {
      T value = attempt.get();
      if (done.test(value)) {
        return value;
      }
      if (!clock.instant().isBefore(deadline)) {
        return null;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
