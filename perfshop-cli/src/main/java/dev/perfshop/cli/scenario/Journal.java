package dev.perfshop.cli.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a run did, step by step: written as JSON after every entry so a crash still leaves the
 * record, and read back by {@code perfshop scenario replay}.
 */
public final class Journal {

  /** How an entry ended. */
  public enum Result {
    OK,
    FAILED,
    SKIPPED,
    ERROR
  }

  /** One thing the runner did. {@code offsetMillis} is the (scaled) time since the start. */
  public record Entry(
      Instant at,
      long offsetMillis,
      Integer step,
      String action,
      Result result,
      String message,
      Double observed) {}

  /** The header and entries as serialised. */
  public record Document(
      String format,
      String scenarioId,
      String scenarioFile,
      long seed,
      double timeScale,
      boolean dryRun,
      Map<String, String> bindings,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      List<Entry> entries) {}

  public static final String FORMAT = "perfshop-journal/1";

  private final String scenarioId;
  private final String scenarioFile;
  private final long seed;
  private final double timeScale;
  private final boolean dryRun;
  private final Map<String, String> bindings;
  private final Instant startedAt;
  private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
  private volatile Instant finishedAt;
  private volatile String outcome = "running";

  public Journal(ScenarioPlan plan, String scenarioFile, boolean dryRun, Instant startedAt) {
    this.scenarioId = plan.scenario().id();
    this.scenarioFile = scenarioFile;
    this.seed = plan.seed();
    this.timeScale = plan.timeScale();
    this.dryRun = dryRun;
    this.bindings = plan.bindings();
    this.startedAt = startedAt;
  }

  void add(Entry e) {
    entries.add(e);
  }

  void finish(String outcome, Instant at) {
    this.outcome = outcome;
    this.finishedAt = at;
  }

  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  public String outcome() {
    return outcome;
  }

  public boolean failed() {
    return entries().stream()
        .anyMatch(e -> e.result() == Result.FAILED || e.result() == Result.ERROR);
  }

  public Document document() {
    return new Document(
        FORMAT,
        scenarioId,
        scenarioFile,
        seed,
        timeScale,
        dryRun,
        bindings,
        startedAt,
        finishedAt,
        outcome,
        entries());
  }
}
