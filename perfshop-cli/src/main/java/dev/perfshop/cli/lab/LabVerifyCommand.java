package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perfshop lab verify}: every signal of a running lab, end to end (docs/lab.md). */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks each signal end to end on a running lab: tagged requests must show up as a metric"
          + " (Prometheus), a log line (Loki, OpenSearch), a trace (Tempo), a profile (Pyroscope);"
          + " Grafana's data sources healthy and dashboards loading.",
      "Services the lab does not run are skipped with the reason. Exit 1 names what is missing."
    })
final class LabVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin LabOptions where;
  @Mixin OutputOptions output;

  @Option(
      names = "--wait",
      defaultValue = "30s",
      description = "How long each backend may take to show the tagged requests (default: 30s).")
  String wait;

  @Override
  public Integer call() {
    Workspace ws = where.workspace();
    Workspace.Meta meta = ws.meta();
    Duration patience =
        dev.perfshop.scenario.Durations.parse(wait)
            .orElseThrow(
                () ->
                    new LabException(
                        ExitCodes.USAGE, "--wait: not a duration: '" + wait + "' (e.g. 30s, 2m)"));
    Set<String> running;
    Lab lab = LabCommand.lab(spec);
    try {
      running =
          lab.status(ws).stream()
              .filter(DockerEngine.LabContainer::ready)
              .map(DockerEngine.LabContainer::service)
              .collect(Collectors.toSet());
    } finally {
      lab.close();
    }
    String host = Lab.publishedHost(ws);
    LabVerifier verifier =
        new LabVerifier(
            new LabVerifier.Target(
                host,
                new LabPorts(meta.portOffset())::port,
                running,
                Lab.envValue(ws, "GRAFANA_ADMIN_PASSWORD")),
            patience,
            Clock.systemUTC());
    List<LabVerifier.Check> checks = verifier.run();
    boolean failed = checks.stream().anyMatch(c -> c.status() == LabVerifier.Status.FAIL);
    PrintWriter out = spec.commandLine().getOut();
    var json = Json.object().put("lab", ws.name()).put("ok", !failed);
    var array = json.putArray("checks");
    for (var c : checks) {
      array
          .addObject()
          .put("signal", c.signal())
          .put("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
          .put("detail", c.detail());
    }
    if (!output.printedAsJson(out, json)) {
      for (var c : checks) {
        out.printf("%-5s %-32s %s%n", c.status(), c.signal(), c.detail());
      }
      long skipped = checks.stream().filter(c -> c.status() == LabVerifier.Status.SKIP).count();
      out.println(
          failed
              ? "lab verify: FAILED (" + what(checks) + ")"
              : "lab verify: ok" + (skipped > 0 ? " (" + skipped + " skipped)" : ""));
      out.flush();
    }
    return failed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private static String what(List<LabVerifier.Check> checks) {
    return checks.stream()
        .filter(c -> c.status() == LabVerifier.Status.FAIL)
        .map(LabVerifier.Check::signal)
        .distinct()
        .collect(Collectors.joining(", "));
  }
}
