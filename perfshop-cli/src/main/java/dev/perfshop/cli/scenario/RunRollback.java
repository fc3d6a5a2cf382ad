package dev.perfshop.cli.scenario;

import dev.perfshop.cli.scenario.Journal.Result;
import dev.perfshop.scenario.Scenario;
import java.util.List;

/**
 * The end of a run (its last step, a failure or an abort): what this run left enabled undone as the
 * scenario's {@code rollback} says — nothing, this run's activations, or a halt of all chaos —
 * container anomalies healed first, since the server may be down because of them. Each undo is one
 * journal entry; a failed one names what still expires by its TTL or how to heal it.
 */
final class RunRollback {

  private final LabPort lab;
  private final Recorder journal;

  RunRollback(LabPort lab, Recorder journal) {
    this.lab = lab;
    this.journal = journal;
  }

  void undo(
      Scenario.Rollback mode, List<String> left, List<ScenarioRunner.ContainerKey> leftContainers) {
    switch (mode) {
      case NONE -> {
        if (!leftContainers.isEmpty()) {
          journal.record(
              null,
              "rollback",
              Result.SKIPPED,
              "rollback: none; container anomalies stay until perfshop chaos disable (or halt): "
                  + leftContainers,
              null);
        }
        if (!left.isEmpty()) {
          journal.record(
              null,
              "rollback",
              Result.SKIPPED,
              "rollback: none; still active until their TTL: " + left,
              null);
        }
      }
      case HALT_ALL -> {
        heal(leftContainers);
        try {
          lab.halt();
          journal.record(null, "halt all chaos", Result.OK, null, null);
        } catch (RuntimeException e) {
          journal.record(
              null,
              "halt all chaos",
              Result.ERROR,
              ScenarioRunner.message(e) + " (activations expire by their TTL)",
              null);
        }
      }
      case HALT_ENABLED -> {
        heal(leftContainers);
        for (String type : left) {
          try {
            lab.disableChaos(type);
            journal.record(null, "disable " + type + " (rollback)", Result.OK, null, null);
          } catch (RuntimeException e) {
            journal.record(
                null,
                "disable " + type + " (rollback)",
                Result.ERROR,
                ScenarioRunner.message(e) + " (expires by its TTL)",
                null);
          }
        }
      }
    }
  }

  /**
   * Heals the container anomalies this run left in place, first: the server may be down because of
   * them.
   */
  private void heal(List<ScenarioRunner.ContainerKey> keys) {
    for (ScenarioRunner.ContainerKey k : keys) {
      String action = "heal " + k + " (rollback)";
      try {
        lab.disableContainer(k.type(), k.service());
        journal.record(null, action, Result.OK, null, null);
      } catch (RuntimeException e) {
        journal.record(
            null,
            action,
            Result.ERROR,
            ScenarioRunner.message(e) + " (heal it with: perfshop chaos disable " + k.type() + ")",
            null);
      }
    }
  }
}
