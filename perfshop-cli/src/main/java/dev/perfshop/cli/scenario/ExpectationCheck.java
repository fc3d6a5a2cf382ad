package dev.perfshop.cli.scenario;

import dev.perfshop.cli.scenario.Journal.Result;
import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

/**
 * One {@code expect} step of a run: the lab's Prometheus query or route statistic polled every
 * {@code pollEvery} until it holds or the step's deadline passes, then one journal entry (ok with
 * the value observed, failed with the last value, skipped without Prometheus, or the error).
 */
final class ExpectationCheck {

  private final LabPort lab;
  private final ScenarioRunner.Sleeper sleeper;
  private final Duration pollEvery;
  private final BooleanSupplier aborted;

  ExpectationCheck(
      LabPort lab, ScenarioRunner.Sleeper sleeper, Duration pollEvery, BooleanSupplier aborted) {
    this.lab = lab;
    this.sleeper = sleeper;
    this.pollEvery = pollEvery;
    this.aborted = aborted;
  }

  void check(ScenarioPlan plan, ScenarioPlan.Planned p, Recorder journal) {
    Scenario.Expectation e = p.step().expect();
    String action = ScenarioPlan.describe(p.step(), plan);
    long deadline = sleeper.nanoTime() + plan.scaled(e.within()).toNanos();
    Duration window = e.window() == null ? Duration.ofSeconds(30) : plan.scaled(e.window());
    if (window.compareTo(Duration.ofSeconds(5)) < 0) {
      window = Duration.ofSeconds(5);
    }
    Double last = null;
    if (e.promql() != null && !lab.hasPrometheus()) {
      // checked before asking: without a base URL the query cannot even be addressed
      journal.record(
          p.index(),
          action,
          Result.SKIPPED,
          "PromQL expectation not checked: no Prometheus URL given (--prometheus URL)",
          null);
      return;
    }
    try {
      while (!aborted.getAsBoolean()) {
        OptionalDouble value = observe(e, window);
        if (value.isPresent()) {
          last = value.getAsDouble();
          if (Expectations.holds(e, last)) {
            journal.record(
                p.index(), action, Result.OK, "observed " + Expectations.format(e, last), last);
            return;
          }
        }
        if (sleeper.nanoTime() >= deadline) {
          break;
        }
        sleeper.sleepUntil(Math.min(deadline, sleeper.nanoTime() + pollEvery.toNanos()));
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException ex) {
      journal.record(p.index(), action, Result.ERROR, ScenarioRunner.message(ex), last);
      return;
    }
    if (!aborted.getAsBoolean()) {
      String why =
          last == null
              ? (e.promql() != null
                  ? "the query returned no data before the deadline"
                  : "no traffic was observed on " + e.route() + " before the deadline")
              : "last observed "
                  + Expectations.format(e, last)
                  + ", expected "
                  + (e.above() != null ? "above " + e.above() : "below " + e.below());
      journal.record(p.index(), action, Result.FAILED, why, last);
    }
  }

  private OptionalDouble observe(Scenario.Expectation e, Duration window) {
    if (e.promql() != null) {
      return lab.promql(e.promql());
    }
    LabPort.RouteStat stat = lab.routeStat(e.route(), window);
    if (stat == null || stat.count() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        switch (e.metric()) {
          case "p50" -> stat.p50();
          case "p95" -> stat.p95();
          case "p99" -> stat.p99();
          case "error-rate" -> stat.errorRate();
          default -> stat.throughput();
        });
  }
}
