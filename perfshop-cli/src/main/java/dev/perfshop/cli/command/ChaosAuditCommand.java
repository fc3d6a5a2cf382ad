package dev.perfshop.cli.command;

import static dev.perfshop.cli.http.Json.text;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "audit", description = "Show the chaos audit log, newest first.")
final class ChaosAuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "20",
      description = "How many entries (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw CliException.usage("--limit must be at least 1");
    }
    JsonNode audit = Server.client(spec).adminGet(ChaosPaths.AUDIT + "?limit=" + limit);
    PrintWriter out = CliContext.of(spec).out();
    if (output.printedAsJson(out, audit)) {
      return ExitCodes.OK;
    }
    printLabAudit(out);
    if (audit.isEmpty()) {
      out.println("the server's audit log is empty");
      out.flush();
      return ExitCodes.OK;
    }
    Table table = new Table("at", "actor", "action", "type", "level", "scenario", "detail");
    for (JsonNode e : audit) {
      table.row(
          text(e, "at"),
          text(e, "actor"),
          text(e, "action"),
          text(e, "type", "-"),
          text(e, "level", "-"),
          text(e, "scenarioId", "-"),
          text(e, "detail"));
    }
    table.print(out);
    return ExitCodes.OK;
  }

  /**
   * The container anomalies of the Docker lab the CLI uses, from its workspace (no Docker call).
   */
  private void printLabAudit(PrintWriter out) {
    var ws = new LabChaos().workspace(spec);
    if (ws.isEmpty()) {
      return;
    }
    var entries = dev.perfshop.cli.lab.ContainerChaos.audit(ws.get(), limit);
    if (entries.isEmpty()) {
      return;
    }
    out.println("lab '" + ws.get().name() + "' (container anomalies):");
    Table table = new Table("at", "actor", "action", "type", "service", "level", "scenario");
    for (var e : entries) {
      table.row(
          e.at().toString(),
          e.actor(),
          e.action(),
          e.type(),
          e.service(),
          e.level(),
          e.scenarioId() == null ? "-" : e.scenarioId());
    }
    table.print(out);
    out.println("server:");
  }
}
