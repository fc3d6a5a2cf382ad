package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.lab.ContainerChaos;
import dev.perfshop.cli.lab.Workspace;
import dev.perfshop.cli.output.Durations;
import dev.perfshop.cli.output.OutputOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "enable",
    description = "Enable (or change) one chaos type. Every activation expires after its TTL.")
final class ChaosEnableCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "TYPE",
      completionCandidates = ChaosTypeCandidates.class,
      description = "A chaos type from `perfshop chaos list`.")
  String type;

  @Option(
      names = {"-l", "--level"},
      required = true,
      paramLabel = "N",
      description = "Severity, 1 (subtle) to 5 (severe).")
  int level;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description =
          "Time to live: 90s, 1m30s, 10m, 1h, ISO-8601 (PT10M) or seconds (server default 15m).")
  String ttl;

  @Option(
      names = {"-p", "--probability"},
      paramLabel = "P",
      description = "Share of matching requests affected, 0 to 1.")
  Double probability;

  @Option(
      names = "--every",
      paramLabel = "N",
      description = "Deterministic mode: affect every Nth matching request instead of at random.")
  Integer every;

  @Option(
      names = "--route",
      paramLabel = "PATTERN",
      description = "Route pattern to target (repeatable), e.g. /api/products/**.")
  List<String> routes;

  @Option(names = "--session", paramLabel = "ID", description = "Only this class session.")
  String sessionId;

  @Option(names = "--agent", paramLabel = "CODE", description = "Only this student agent.")
  String agentCode;

  @Option(names = "--scenario", paramLabel = "ID", description = "Scenario id for the audit log.")
  String scenarioId;

  @Option(
      names = "--service",
      paramLabel = "SERVICE",
      description =
          "Container anomalies (container-kill|pause|restart) only: the lab service, e.g. db,"
              + " server, web, prometheus.")
  String service;

  @Mixin LabChaos lab;

  @Override
  public Integer call() {
    var container = ContainerChaos.Type.of(type);
    if (container.isPresent()) {
      return enableContainer(container.get());
    }
    if (service != null || lab.name != null) {
      throw CliException.usage(
          "--service and --lab apply to container anomalies only (container-kill,"
              + " container-pause, container-restart), not to '"
              + type
              + "'");
    }
    String path = ChaosPaths.type(type);
    ObjectNode body = Json.object();
    body.put("level", level);
    if (ttl != null) {
      body.put("ttl", ttl);
    }
    if (probability != null) {
      body.put("probability", probability);
    }
    if (every != null) {
      body.put("every", every);
    }
    if (routes != null && !routes.isEmpty()) {
      routes.forEach(body.putArray("routes")::add);
    }
    if (sessionId != null) {
      body.put("sessionId", sessionId);
    }
    if (agentCode != null) {
      body.put("agentCode", agentCode);
    }
    if (scenarioId != null) {
      body.put("scenarioId", scenarioId);
    }
    JsonNode activation =
        Server.client(spec)
            .adminSend("PUT", path, Json.compact(body).getBytes(StandardCharsets.UTF_8));
    PrintWriter out = CliContext.of(spec).out();
    if (!output.printedAsJson(out, activation)) {
      out.println(ActivationText.enabled(activation));
      out.flush();
    }
    return ExitCodes.OK;
  }

  /**
   * A container anomaly acts through the Docker API on the lab, not through the server. Without
   * {@code --ttl} it stays until {@code chaos disable} or {@code chaos halt}; with it, the command
   * holds in the foreground and heals when the time is up (or on Ctrl-C).
   */
  private int enableContainer(ContainerChaos.Type t) {
    if (service == null) {
      throw CliException.usage(t.id() + " needs --service (e.g. --service db)");
    }
    if (probability != null
        || every != null
        || (routes != null && !routes.isEmpty())
        || sessionId != null
        || agentCode != null) {
      throw CliException.usage(
          "--probability, --every, --route, --session and --agent do not apply to " + t.id());
    }
    if (level < 1 || level > 5) {
      throw CliException.usage("level must be 1 to 5, not " + level);
    }
    Duration hold = ttl == null ? null : parseTtl(ttl);
    if (hold != null && !t.lasting()) {
      throw CliException.usage("--ttl does not apply to " + t.id() + " (it is over once done)");
    }
    Workspace ws = lab.require(spec);
    PrintWriter out = CliContext.of(spec).out();
    int n = LabChaos.with(spec, ws, chaos -> chaos.enable(t, service, level));
    String target = ContainerChaos.service(service);
    out.println(
        "enabled "
            + t.id()
            + " on "
            + target
            + " ("
            + n
            + " container"
            + (n == 1 ? "" : "s")
            + ", lab '"
            + ws.name()
            + "')"
            + (t.lasting()
                ? hold == null
                    ? ": stays until perfshop chaos disable " + t.id() + " --service " + service
                    : ""
                : ""));
    out.flush();
    if (hold != null) {
      holdThenHeal(t, ws, hold, out);
    }
    return ExitCodes.OK;
  }

  private void holdThenHeal(ContainerChaos.Type t, Workspace ws, Duration hold, PrintWriter out) {
    out.println("holding for " + Durations.human(hold.toSeconds()) + " (Ctrl-C heals now)");
    out.flush();
    Thread heal =
        new Thread(() -> LabChaos.with(spec, ws, chaos -> chaos.disable(t, service)), "heal");
    Runtime.getRuntime().addShutdownHook(heal);
    try {
      Thread.sleep(hold);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().removeShutdownHook(heal);
    var healed = LabChaos.with(spec, ws, chaos -> chaos.disable(t, service));
    out.println("healed " + t.id() + " on " + String.join(", ", healed));
    out.flush();
  }

  /** The scenario format (1m30s), ISO-8601 or seconds: the grammar the server applies too. */
  private static Duration parseTtl(String text) {
    return dev.perfshop.scenario.Durations.parseTtl(text)
        .filter(d -> !d.isNegative() && !d.isZero())
        .orElseThrow(
            () ->
                CliException.usage(
                    "--ttl: '" + text + "' is not a duration (90s, 1m30s, 10m, 1h, PT10M)"));
  }
}
