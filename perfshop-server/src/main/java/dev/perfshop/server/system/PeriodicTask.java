package dev.perfshop.server.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A task run at a fixed rate on one named daemon thread, from the context's start to its shutdown.
 * A run that throws is simply run again at the next period (what cannot be read now is read then).
 * Not {@code @Scheduled}: Spring's scheduling would publish a meter named after the bean's class on
 * the public scrape.
 */
public final class PeriodicTask implements SmartLifecycle {

  private final String threadName;
  private final Duration initialDelay;
  private final Duration period;
  private final Runnable task;
  private ScheduledExecutorService executor;

  public PeriodicTask(String threadName, Duration initialDelay, Duration period, Runnable task) {
    this.threadName = threadName;
    this.initialDelay = initialDelay;
    this.period = period;
    this.task = task;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    executor.scheduleAtFixedRate(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            // run again at the next period
          }
        },
        initialDelay.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
