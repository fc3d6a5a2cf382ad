package dev.perfshop.cli;

import dev.perfshop.cli.http.Json;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run behind the class-data-sharing archive (see src/dist/perfshop): loads what the
 * common commands load — the command tree, help, JSON, the HTTP client on a refused connection to a
 * loopback port — and prints nothing. Not a user command.
 */
final class CdsTraining {

  static final String FLAG = "--cds-training";

  private CdsTraining() {}

  static int run() {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "perfshop-cds-training");
    CliContext ctx =
        new CliContext(
            Map.of("PERFSHOP_CONFIG", home.resolve("config.properties").toString()),
            home,
            home,
            sink,
            sink);
    String[][] lines = {
      {"--version"},
      {"--help"},
      {"chaos", "--help"},
      {"chaos", "enable", "--help"},
      {"config", "show"},
      {"config", "show", "-o", "json"},
      {"chaos", "status", "--url", "http://127.0.0.1:9", "--admin-token", "cds-training"},
      {"chaos", "nope"}
    };
    for (String[] line : lines) {
      PerfShopCli.run(ctx, line);
    }
    Json.pretty(Json.parse("{\"a\":[1,2.5,\"x\",null,true]}".getBytes(StandardCharsets.UTF_8)));
    return ExitCodes.OK;
  }
}
