package dev.perfshop.cli.scenario;

import dev.perfshop.cli.scenario.Journal.Result;

/**
 * Adds an entry to the run's journal: the step (null: the run itself), what was done, how it went.
 */
@FunctionalInterface
interface Recorder {
  void record(Integer step, String action, Result result, String message, Double observed);
}
