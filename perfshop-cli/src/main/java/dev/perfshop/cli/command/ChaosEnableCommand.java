package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.output.OutputOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
      description = "Time to live: 90s, 10m, 1h, ISO-8601 (PT10M) or seconds (server default 15m).")
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

  @Override
  public Integer call() {
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
}
