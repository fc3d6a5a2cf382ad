package dev.perfshop.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run behind the class-data-sharing archive (see src/dist/perfshop): runs the common
 * commands — help, config, chaos against a throwaway loopback server that answers like the chaos
 * API, and a refused connection — so that the classes they load are archived. Prints nothing. Not a
 * user command.
 */
final class CdsTraining {

  static final String FLAG = "--cds-training";

  private CdsTraining() {}

  static int run() {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "perfshop-cds-training");
    HttpServer server = loopbackServer();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      CliContext ctx =
          new CliContext(
              Map.of(
                  "PERFSHOP_CONFIG",
                  home.resolve("config.properties").toString(),
                  "PERFSHOP_URL",
                  url,
                  "PERFSHOP_ADMIN_TOKEN",
                  "cds-training-token"),
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
        {"chaos", "status"},
        {"chaos", "status", "-o", "json"},
        {"chaos", "list"},
        {"chaos", "disable", "latency"},
        {"chaos", "status", "--url", "http://127.0.0.1:9"},
        {"chaos", "nope"}
      };
      for (String[] line : lines) {
        PerfShopCli.run(ctx, line);
      }
    } finally {
      server.stop(0);
    }
    return ExitCodes.OK;
  }

  private static HttpServer loopbackServer() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body;
            if (path.endsWith("/catalog")) {
              body =
                  "[{\"type\":\"latency\",\"family\":\"performance\",\"description\":\"d\","
                      + "\"levels\":[{\"level\":1,\"description\":\"d\"}],\"defaultRoutes\":[],"
                      + "\"dangerous\":false}]";
            } else if (exchange.getRequestMethod().equals("GET")) {
              body =
                  "{\"safetyMode\":\"loopback\",\"activations\":[{\"type\":\"latency\","
                      + "\"family\":\"performance\",\"level\":2,\"probability\":0.5,"
                      + "\"routes\":[\"/api/**\"],\"scope\":{\"kind\":\"all\"},"
                      + "\"remainingSeconds\":600,\"expiresAt\":\"2030-01-01T00:00:00Z\"}]}";
            } else {
              status = 404;
              body = "{\"title\":\"Not found\",\"status\":404,\"detail\":\"training\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange
                .getResponseHeaders()
                .add(
                    "Content-Type",
                    status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
