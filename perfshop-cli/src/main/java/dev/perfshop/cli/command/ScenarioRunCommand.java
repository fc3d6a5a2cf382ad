package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.PerfShopClient;
import dev.perfshop.cli.lab.Lab;
import dev.perfshop.cli.scenario.HttpLab;
import dev.perfshop.cli.scenario.HttpTraffic;
import dev.perfshop.cli.scenario.Journal;
import dev.perfshop.cli.scenario.JournalFiles;
import dev.perfshop.cli.scenario.LabContainers;
import dev.perfshop.cli.scenario.ScenarioPlan;
import dev.perfshop.cli.scenario.ScenarioRunner;
import dev.perfshop.cli.scenario.TrafficPort;
import dev.perfshop.scenario.Durations;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    description = {
      "Run a scenario against the server: chaos with TTLs, synthetic traffic, enigmas, expectations.",
      "Writes a JSON journal (and JUnit XML with --junit); exits 7 when an expectation fails.",
      "Ctrl-C stops the run and disables what it enabled.",
      "Container anomalies (container-kill …) act on the Docker lab (--lab, else the CLI's)."
    })
final class ScenarioRunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A file, or a shipped id/path.")
  String ref;

  @Option(
      names = "--time-scale",
      paramLabel = "N",
      defaultValue = "1",
      description = "Divide every offset, TTL and deadline by N (CI: 20 to 60). Default 1.")
  double timeScale;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Override the scenario's seed (bindings, traffic). Default: the scenario's own seed;"
              + " with --session a fresh random seed (printed; pass it again to replay the run).")
  Long seed;

  @Option(names = "--dry-run", description = "Print the plan; send nothing.")
  boolean dryRun;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description = "Journal path (default .perfshop/journals/<id>-<time>.json).")
  Path journal;

  @Mixin ScenarioTargets targets;

  @Option(
      names = "--correlate",
      description = "Synthetic shoppers send back the scripting tokens the server hands out.")
  boolean correlate;

  @Override
  public Integer call() {
    ScenarioFiles.Loaded loaded = ScenarioFiles.load(ref);
    return ScenarioRunCommand.execute(
        spec, loaded, seed, timeScale, dryRun, journal, targets, correlate);
  }

  static int execute(
      CommandSpec spec,
      ScenarioFiles.Loaded loaded,
      Long seed,
      double timeScale,
      boolean dryRun,
      Path journalFile,
      ScenarioTargets targets,
      boolean correlate) {
    Path junit = targets.junit;
    String session = targets.session;
    URI prometheus = targets.prometheus;
    boolean noTraffic = targets.noTraffic;
    LabChaos labChaos = targets.lab;
    CliContext ctx = CliContext.of(spec);
    PrintWriter out = ctx.out();
    ScenarioPlan plan;
    if (seed == null && session != null && !dryRun) {
      // a class's run draws its own targets: a neighbour class's answers are wrong here
      seed = new java.security.SecureRandom().nextLong(1, 1L << 48);
    }
    try {
      plan = ScenarioPlan.of(loaded.scenario(), seed, timeScale);
    } catch (IllegalArgumentException e) {
      throw dev.perfshop.cli.CliException.usage(e.getMessage());
    }
    Path file =
        journalFile != null
            ? journalFile
            : ctx.workingDir()
                .resolve(".perfshop/journals")
                .resolve(
                    plan.scenario().id()
                        + "-"
                        + Instant.now().toString().replace(':', '-')
                        + ".json");
    Progress progress = new Progress(out, file);
    if (dryRun) {
      out.println(
          "dry run of "
              + loaded.name()
              + " (seed "
              + plan.seed()
              + ", time scale "
              + timeScale
              + "): nothing is sent");
      Journal j =
          new ScenarioRunner(
                  null,
                  TrafficPort.NONE,
                  ScenarioRunner.Sleeper.SYSTEM,
                  Clock.systemUTC(),
                  Duration.ofSeconds(1),
                  progress)
              .dryRun(plan, loaded.name());
      JournalFiles.writeJson(j, file);
      out.flush();
      return ExitCodes.OK;
    }
    PerfShopClient client = Server.client(spec);
    if (prometheus == null && usesPromql(plan)) {
      // run from a Docker lab's folder: its own Prometheus checks the PromQL expectations
      prometheus =
          labChaos.workspace(spec).flatMap(dev.perfshop.cli.lab.LabPrometheus::ready).orElse(null);
      if (prometheus != null) {
        out.println("PromQL expectations: the lab's Prometheus at " + prometheus);
      }
    }
    // Container anomaly steps act on the Docker lab's workspace, found like `chaos enable` finds
    // it.
    LabContainers containers =
        new LabContainers(
                () -> labChaos.workspace(spec),
                () -> Lab.connect(ctx.out(), ctx.err()),
                Clock.systemUTC())
            .by(Server.actor(ctx), loaded.scenario().id());
    HttpLab lab = new HttpLab(client, session, prometheus, containers);
    TrafficPort traffic =
        noTraffic ? TrafficPort.NONE : new HttpTraffic(client.baseUrl(), correlate, session);
    ScenarioRunner runner =
        new ScenarioRunner(
            lab,
            traffic,
            ScenarioRunner.Sleeper.SYSTEM,
            Clock.systemUTC(),
            Duration.ofMillis(Math.max(200, (long) (2000 / timeScale))),
            progress);
    out.println(
        "running "
            + loaded.name()
            + " against "
            + client.baseUrl()
            + " (seed "
            + plan.seed()
            + ", "
            + Durations.format(plan.duration())
            + " at time scale "
            + timeScale
            + ")");
    if (!plan.bindings().isEmpty()) {
      out.println("bindings (instructor only): " + plan.bindings());
    }
    out.flush();
    Thread hook =
        new Thread(() -> runner.abortAndWait(Duration.ofSeconds(30)), "perfshop-scenario-abort");
    Runtime.getRuntime().addShutdownHook(hook);
    Journal j;
    try {
      j = runner.run(plan, loaded.name());
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and has aborted the run.
      }
    }
    JournalFiles.writeJson(j, file);
    if (junit != null) {
      JournalFiles.writeJUnit(j, junit);
    }
    out.println(j.outcome() + "; journal: " + file + (junit != null ? ", JUnit: " + junit : ""));
    out.flush();
    return switch (j.outcome()) {
      case "passed" -> ExitCodes.OK;
      case "failed" -> ExitCodes.EXPECTATION_FAILED;
      default -> ExitCodes.FAILURE;
    };
  }

  /** Prints each new journal entry as a progress line, and keeps the journal file current. */
  static final class Progress implements java.util.function.Consumer<Journal> {
    private final PrintWriter out;
    private final Path file;
    private int printed;

    Progress(PrintWriter out, Path file) {
      this.out = out;
      this.file = file;
    }

    @Override
    public synchronized void accept(Journal journal) {
      var entries = journal.entries();
      for (; printed < entries.size(); printed++) {
        Journal.Entry e = entries.get(printed);
        out.printf(
            "  %8s  %-7s %s%s%n",
            Durations.format(Duration.ofMillis(e.offsetMillis() / 1000 * 1000)),
            e.result().name().toLowerCase(),
            e.action(),
            e.message() == null ? "" : " — " + e.message());
      }
      out.flush();
      if (!journal.document().dryRun()) {
        JournalFiles.writeJson(journal, file);
      }
    }
  }

  private static boolean usesPromql(ScenarioPlan plan) {
    return plan.scenario().steps().stream()
        .anyMatch(st -> st.expect() != null && st.expect().promql() != null);
  }
}
