package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.http.PerfShopClient;
import dev.perfshop.cli.http.ProblemException;
import dev.perfshop.cli.output.OutputOptions;
import dev.perfshop.cli.output.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the resolved configuration against the server: reachable and up, shop API licensed, admin
 * token accepted. Exits with the code of the first failed check.
 */
@Command(
    name = "check",
    description = {
      "Check the server: reachable and up, shop API licensed, admin token accepted.",
      "Exits with the code of the first failed check (3, 5 or 4)."
    })
final class ConfigCheckCommand implements Callable<Integer> {

  static final String HEALTH = "/actuator/health";
  static final String SHOP_PROBE = "/api/categories";

  /** Admin routes that any token-guarded server answers (the first that exists decides). */
  static final List<String> ADMIN_PROBES = List.of(ChaosPaths.BASE, LicenseCommand.PATH);

  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PerfShopClient client = Server.client(spec);
    CliContext ctx = CliContext.of(spec);
    ObjectNode json = Json.object();
    json.put("url", client.baseUrl().toString());
    // Unreachable: nothing else can be checked, the error says so with the usual exit code.
    JsonNode health = client.get(HEALTH);
    json.put("health", Json.text(health, "status", "UNKNOWN"));

    int code = ExitCodes.OK;
    String licence;
    try {
      client.get(SHOP_PROBE);
      licence = "licensed";
    } catch (ProblemException e) {
      licence = e.problem().status() + " " + e.getMessage();
      code = e.exitCode();
    }
    json.put("shopApi", licence);

    String token = "not checked";
    try {
      for (String probe : ADMIN_PROBES) {
        try {
          client.adminGet(probe);
          token = "accepted";
          break;
        } catch (ProblemException e) {
          int status = e.problem().status();
          if (status == 401 || status == 403) {
            token = "refused: " + e.getMessage();
            code = code == ExitCodes.OK ? ExitCodes.REJECTED : code;
            break;
          }
          token = "not checked (" + e.getMessage() + ")";
        }
      }
    } catch (CliException e) {
      token = "not set";
    }
    json.put("adminToken", token);
    json.put("exitCode", code);

    PrintWriter out = ctx.out();
    if (!output.printedAsJson(out, json)) {
      new Table("check", "result")
          .row("server", client.baseUrl() + " " + Json.text(health, "status", "UNKNOWN"))
          .row("shop api", licence)
          .row("admin token", token)
          .print(out);
    }
    return code;
  }
}
