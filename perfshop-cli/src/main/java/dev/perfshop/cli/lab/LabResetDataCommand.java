package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "reset-data",
    mixinStandardHelpOptions = true,
    description = "Restore the shop's seed data (POST /api/admin/data/reset) on the current lab.")
final class LabResetDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = ".perfshop",
      description = "Workspace folder (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Path props = dir.resolve("lab.properties");
    if (!Files.isRegularFile(props)) {
      throw new LabException(
          ExitCodes.USAGE,
          "no lab here (" + props + " is missing)",
          "start one: perfshop lab up (or --embedded)");
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(props)) {
      p.load(in);
    }
    URI url = URI.create(p.getProperty("url"));
    String token =
        Files.readString(dir.resolve(p.getProperty("admin-token-file")), StandardCharsets.UTF_8)
            .strip();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(url.resolve("/api/admin/data/reset"))
                  .timeout(Duration.ofSeconds(60))
                  .header("X-Admin-Token", token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new LabException(
            ExitCodes.REJECTED,
            "the server refused the reset: HTTP " + r.statusCode() + " " + r.body());
      }
      spec.commandLine().getOut().println("Shop data reset: " + r.body());
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.UNREACHABLE, "cannot reach the lab's server at " + url + ": " + e.getMessage());
    }
    return ExitCodes.OK;
  }
}
