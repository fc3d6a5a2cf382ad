package dev.perfshop.cli.scenario;

import dev.perfshop.cli.lab.ContainerChaos;
import dev.perfshop.cli.scenario.Journal.Entry;
import dev.perfshop.cli.scenario.Journal.Result;
import dev.perfshop.scenario.ChaosTypes;
import dev.perfshop.scenario.Durations;
import dev.perfshop.scenario.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Executes a {@link ScenarioPlan} against a lab: each step at its offset, expectations polled in
 * the background until their deadline, every chaos activation sent with a TTL, and — at the end, on
 * a failure or on {@link #abort()} — a rollback of what this run enabled (the scenario's {@code
 * rollback} setting). Time and sleep are seams so tests run the timeline exactly.
 *
 * <p>Container anomalies of the Docker lab ({@code container-kill}, …) have no server to expire
 * them: the runner heals one itself when its TTL is up (a heal event in the timeline), and the
 * rollback heals those still in place — only those this run enabled.
 */
public final class ScenarioRunner {

  /** Waits until a point of {@link System#nanoTime()}; tests substitute a virtual clock. */
  public interface Sleeper {
    void sleepUntil(long nanoTime) throws InterruptedException;

    long nanoTime();

    Sleeper SYSTEM =
        new Sleeper() {
          @Override
          public void sleepUntil(long deadline) throws InterruptedException {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
              Thread.sleep(Duration.ofNanos(Math.min(left, 200_000_000L)));
            }
          }

          @Override
          public long nanoTime() {
            return System.nanoTime();
          }
        };
  }

  private final LabPort lab;
  private final TrafficPort traffic;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration pollEvery;
  private final Consumer<Journal> onChange;
  private final Set<String> enabled = new LinkedHashSet<>();

  /** A container anomaly on a compose service (aliases resolved: db → mysql). */
  record ContainerKey(String type, String service) {
    static ContainerKey of(String type, String service) {
      return new ContainerKey(type, ContainerChaos.service(service));
    }

    @Override
    public String toString() {
      return type + " on " + service;
    }
  }

  /**
   * Container anomalies this run left in place → the step that enabled each (guarded by enabled).
   */
  private final Map<ContainerKey, Integer> containers = new LinkedHashMap<>();

  /** A TTL heal due at a point of the sleeper's clock; only the running thread touches these. */
  private record Heal(long due, int step, ContainerKey key) {}

  private final PriorityQueue<Heal> heals =
      new PriorityQueue<>(Comparator.comparingLong(Heal::due).thenComparingInt(Heal::step));
  private volatile boolean aborted;
  private volatile Thread runningThread;
  private final java.util.concurrent.CountDownLatch finished =
      new java.util.concurrent.CountDownLatch(1);

  public ScenarioRunner(
      LabPort lab,
      TrafficPort traffic,
      Sleeper sleeper,
      Clock clock,
      Duration pollEvery,
      Consumer<Journal> onChange) {
    this.lab = lab;
    this.traffic = traffic;
    this.sleeper = sleeper;
    this.clock = clock;
    this.pollEvery = pollEvery;
    this.onChange = onChange;
  }

  /** Prints the plan; sends nothing. */
  public Journal dryRun(ScenarioPlan plan, String file) {
    Journal journal = new Journal(plan, file, true, clock.instant());
    for (ScenarioPlan.Planned p : plan.steps()) {
      journal.add(
          new Entry(
              clock.instant(),
              p.at().toMillis(),
              p.index(),
              ScenarioPlan.describe(p.step(), plan),
              Result.SKIPPED,
              "dry run: nothing sent",
              null));
    }
    journal.finish("dry-run", clock.instant());
    onChange.accept(journal);
    return journal;
  }

  /**
   * Runs the timeline; returns the journal (its {@link Journal#failed()} says if anything failed).
   */
  public Journal run(ScenarioPlan plan, String file) {
    Journal journal = new Journal(plan, file, false, clock.instant());
    runningThread = Thread.currentThread();
    long start = sleeper.nanoTime();
    List<Future<?>> expectations = new ArrayList<>();
    String outcome = "passed";
    try (ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor()) {
      if (plan.scenario().traffic() != null) {
        traffic.set(plan.scenario().traffic(), plan.seed());
        record(
            journal,
            start,
            null,
            "start traffic " + plan.scenario().traffic().rate() + "/s",
            Result.OK,
            null,
            null);
      }
      for (ScenarioPlan.Planned p : plan.steps()) {
        healDue(start + p.at().toNanos(), journal, start);
        sleeper.sleepUntil(start + p.at().toNanos());
        if (aborted) {
          throw new InterruptedException("aborted");
        }
        if (p.step().expect() != null) {
          expectations.add(checks.submit(() -> expect(plan, p, journal, start)));
        } else {
          execute(plan, p, journal, start);
        }
      }
      healDue(start + plan.duration().toNanos(), journal, start);
      for (Future<?> f : expectations) {
        f.get();
      }
      sleeper.sleepUntil(start + plan.duration().toNanos());
      if (journal.failed()) {
        outcome = "failed";
      }
    } catch (InterruptedException e) {
      outcome = "aborted";
      Thread.interrupted();
    } catch (Exception e) {
      outcome = "error";
      record(journal, start, null, "run", Result.ERROR, message(e), null);
    } finally {
      traffic.stop();
      rollback(plan, journal, start);
      journal.finish(outcome, clock.instant());
      onChange.accept(journal);
      runningThread = null;
      finished.countDown();
    }
    return journal;
  }

  /** Stops the run at once (Ctrl-C): the rollback runs before {@link #run} returns. */
  public void abort() {
    aborted = true;
    Thread t = runningThread;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * Aborts and waits until the rollback is done: a JVM shutdown hook must not return earlier, or
   * the process ends before what the run enabled is disabled.
   */
  public void abortAndWait(Duration atMost) {
    abort();
    if (runningThread == null) {
      return;
    }
    try {
      finished.await(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void execute(ScenarioPlan plan, ScenarioPlan.Planned p, Journal journal, long start) {
    Scenario.Step s = p.step();
    String action = ScenarioPlan.describe(s, plan);
    String id = plan.scenario().id();
    try {
      if (s.chaos() != null && ChaosTypes.isContainer(type(s.chaos()))) {
        container(p, plan, journal, start, action);
      } else if (s.chaos() != null && s.chaos().enable() != null) {
        var c = s.chaos();
        Duration ttl = plan.ttl(p);
        lab.enableChaos(c.enable(), c.level(), c.probability(), plan.routes(s), ttl, id);
        synchronized (enabled) {
          enabled.add(c.enable());
        }
        record(journal, start, p.index(), action, Result.OK, "ttl " + Durations.format(ttl), null);
      } else if (s.chaos() != null) {
        lab.disableChaos(s.chaos().disable());
        synchronized (enabled) {
          enabled.remove(s.chaos().disable());
        }
        record(journal, start, p.index(), action, Result.OK, null, null);
      } else if (s.traffic() != null) {
        traffic.set(s.traffic(), plan.seed());
        record(journal, start, p.index(), action, Result.OK, null, null);
      } else if (s.enigma() != null) {
        if (s.enigma().open() != null) {
          Scenario.Enigma e =
              plan.scenario().enigmas().stream()
                  .filter(x -> x.id().equals(s.enigma().open()))
                  .findFirst()
                  .orElseThrow();
          lab.openEnigma(id, e, plan.scenario().anomaliesOf(e.id()), plan.bindings());
        } else {
          lab.closeEnigma(id, s.enigma().close());
        }
        record(journal, start, p.index(), action, Result.OK, null, null);
      } else if (s.hint() != null) {
        lab.releaseHint(id, s.hint().enigma());
        record(journal, start, p.index(), action, Result.OK, null, null);
      }
    } catch (LabPort.NotAvailable e) {
      record(journal, start, p.index(), action, Result.SKIPPED, message(e), null);
    } catch (RuntimeException e) {
      record(journal, start, p.index(), action, Result.ERROR, message(e), null);
      throw e;
    }
  }

  private static String type(Scenario.ChaosAction c) {
    return c.enable() != null ? c.enable() : c.disable();
  }

  /**
   * A container anomaly step: acted on through the lab's Docker API. A lasting one (kill, pause) is
   * remembered for the rollback and, with a TTL, healed by the runner when it is up.
   */
  private void container(
      ScenarioPlan.Planned p, ScenarioPlan plan, Journal journal, long start, String action) {
    var c = p.step().chaos();
    if (c.disable() != null) {
      lab.disableContainer(c.disable(), c.service());
      synchronized (enabled) {
        containers
            .keySet()
            .removeIf(
                k ->
                    k.type().equals(c.disable())
                        && (c.service() == null
                            || k.service().equals(ContainerChaos.service(c.service()))));
      }
      record(journal, start, p.index(), action, Result.OK, null, null);
      return;
    }
    lab.enableContainer(c.enable(), c.service(), c.level());
    if (!ChaosTypes.lasting(c.enable())) {
      record(journal, start, p.index(), action, Result.OK, "over once done", null);
      return;
    }
    ContainerKey key = ContainerKey.of(c.enable(), c.service());
    synchronized (enabled) {
      containers.put(key, p.index());
    }
    Optional<Duration> ttl = plan.containerTtl(p);
    ttl.ifPresent(t -> heals.add(new Heal(start + p.at().toNanos() + t.toNanos(), p.index(), key)));
    record(
        journal,
        start,
        p.index(),
        action,
        Result.OK,
        ttl.map(t -> "healed by the runner after " + Durations.format(t))
            .orElse("stays until disabled"),
        null);
  }

  /**
   * Heals, each at its time, the container anomalies whose TTL is up by {@code until} — unless a
   * disable step (or a later enable of the same anomaly) came first.
   */
  private void healDue(long until, Journal journal, long start) throws InterruptedException {
    while (!heals.isEmpty() && heals.peek().due() <= until) {
      Heal h = heals.poll();
      sleeper.sleepUntil(h.due());
      if (aborted) {
        throw new InterruptedException("aborted");
      }
      synchronized (enabled) {
        if (!Integer.valueOf(h.step()).equals(containers.get(h.key()))) {
          continue;
        }
        containers.remove(h.key());
      }
      String action = "heal " + h.key() + " (ttl)";
      try {
        lab.disableContainer(h.key().type(), h.key().service());
        record(journal, start, h.step(), action, Result.OK, null, null);
      } catch (RuntimeException e) {
        synchronized (enabled) {
          containers.put(h.key(), h.step()); // still broken: the rollback tries again
        }
        record(journal, start, h.step(), action, Result.ERROR, message(e), null);
        throw e;
      }
    }
  }

  private void expect(ScenarioPlan plan, ScenarioPlan.Planned p, Journal journal, long start) {
    new ExpectationCheck(lab, sleeper, pollEvery, () -> aborted)
        .check(plan, p, recorder(journal, start));
  }

  private void rollback(ScenarioPlan plan, Journal journal, long start) {
    List<String> left;
    List<ContainerKey> leftContainers;
    synchronized (enabled) {
      left = List.copyOf(enabled);
      enabled.clear();
      leftContainers = List.copyOf(containers.keySet());
      containers.clear();
    }
    heals.clear();
    new RunRollback(lab, recorder(journal, start))
        .undo(plan.scenario().rollback(), left, leftContainers);
  }

  /** Records into {@code journal}, offsets counted from {@code start}. */
  private Recorder recorder(Journal journal, long start) {
    return (step, action, result, message, observed) ->
        record(journal, start, step, action, result, message, observed);
  }

  private void record(
      Journal journal,
      long start,
      Integer step,
      String action,
      Result result,
      String message,
      Double observed) {
    long offset = Math.max(0, (sleeper.nanoTime() - start) / 1_000_000);
    journal.add(new Entry(clock.instant(), offset, step, action, result, message, observed));
    onChange.accept(journal);
  }

  static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
