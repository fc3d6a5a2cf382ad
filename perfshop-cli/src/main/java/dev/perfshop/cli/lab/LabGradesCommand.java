package dev.perfshop.cli.lab;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.PerfShopCli;
import dev.perfshop.cli.config.AdminToken;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.config.Resolved;
import dev.perfshop.cli.config.Source;
import dev.perfshop.cli.http.PerfShopClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code perfshop lab grades}: every class group's grades at once. For each group's server (a swarm
 * lab's groups, or one server given by URL and token file), every session's export ({@code GET
 * /api/admin/sessions}, then {@code /api/admin/sessions/{id}/export?format=…}) into {@code
 * <out>/<group>/session-<id>.<ext>}.
 */
@Command(
    name = "grades",
    mixinStandardHelpOptions = true,
    description =
        "Export every class group's grades at once: each session of each group's server into"
            + " OUT/<group>/session-<id>.csv|json (docs/scale.md).")
public final class LabGradesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Option(
      names = "--swarm",
      description =
          "The groups of a swarm lab (lab up --swarm): tokens and ports from"
              + " .perfshop/swarm/<lab>/<group>/.")
  boolean swarm;

  @Option(names = "--groups", defaultValue = "1", description = "--swarm: class groups.")
  int groups;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "--swarm: the node publishing the servers' ports (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--group",
      description =
          "Without --swarm: the one server's group name, its output subfolder (that server is"
              + " --url/--admin-token-file, as for every command; e.g. a kubectl port-forward).")
  String group;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "csv",
      description = "csv (gradebook), json (whole progress) or ctfd (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--archived", description = "Also the archived sessions.")
  boolean archived;

  /** One group's server and its admin token. */
  record Target(String group, Resolved<URI> url, Supplier<Resolved<AdminToken>> token) {}

  @Override
  public Integer call() throws IOException {
    if (!format.matches("csv|json|ctfd")) {
      throw CliException.usage("--format must be csv, json or ctfd, got '" + format + "'");
    }
    // Every input is checked before anything is written or sent.
    List<Target> targets = swarm ? swarmTargets() : urlTarget();
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> failed = new ArrayList<>();
    CliException first = null;
    int files = 0;
    for (Target t : targets) {
      try {
        files += export(t, o);
      } catch (CliException e) {
        failed.add(t.group());
        err.println("error: group " + t.group() + ": " + e.getMessage());
        err.flush();
        first = first == null ? e : first;
      }
    }
    o.println(
        "exported "
            + files
            + " session(s) of "
            + (targets.size() - failed.size())
            + " group(s) to "
            + out.toAbsolutePath());
    o.flush();
    if (first != null) {
      throw new CliException(
          first.exitCode(),
          "grades of " + failed.size() + " group(s) not exported: " + String.join(", ", failed),
          first.hints(),
          first);
    }
    return ExitCodes.OK;
  }

  private int export(Target t, PrintWriter o) throws IOException {
    PerfShopClient client = new PerfShopClient(t.url(), t.token()).actor("lab-grades@cli");
    JsonNode sessions = client.adminGet("/api/admin/sessions?archived=" + archived);
    Path dir = out.toAbsolutePath().resolve(t.group());
    Files.createDirectories(dir);
    int n = 0;
    for (JsonNode s : sessions) {
      String id = s.path("id").asString();
      if (!id.matches("[A-Za-z0-9-]{1,64}")) {
        throw new CliException(ExitCodes.FAILURE, "the server listed a session id '" + id + "'");
      }
      byte[] body =
          client.adminDownload(
              "/api/admin/sessions/" + id + "/export?format=" + format,
              format.equals("csv") ? "text/csv" : "application/json");
      Path file = dir.resolve("session-" + id + (format.equals("csv") ? ".csv" : ".json"));
      Files.write(file, body);
      Workspace.restrict(file);
      o.println(
          t.group() + ": session " + id + " \"" + s.path("name").asString() + "\" -> " + file);
      n++;
    }
    if (n == 0) {
      o.println(t.group() + ": no session");
    }
    o.flush();
    return n;
  }

  /** The server of the CLI's connection settings (flags, environment, config), as one group. */
  private List<Target> urlTarget() {
    if (group == null) {
      throw CliException.usage(
          "give --swarm (with --groups N), or --group NAME for the one server of --url");
    }
    if (!group.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw CliException.usage(
          "--group must be a lower-case name (a-z, 0-9, -), got '" + group + "'");
    }
    PerfShopCli root = (PerfShopCli) spec.root().userObject();
    ConfigResolver resolver = new ConfigResolver(root.context());
    Resolved<URI> url = resolver.url(root.overrides());
    Resolved<AdminToken> token = resolver.adminToken(root.overrides());
    if (!token.present()) {
      throw CliException.usage(
          "no admin token for " + url.value() + ": pass --admin-token-file FILE");
    }
    return List.of(new Target(group, url, () -> token));
  }

  private List<Target> swarmTargets() {
    if (group != null) {
      throw CliException.usage("--group is for one server, without --swarm");
    }
    if (groups > SwarmLab.MAX_GROUPS) {
      throw CliException.usage(
          "a swarm lab has at most " + SwarmLab.MAX_GROUPS + " groups, got " + groups);
    }
    Path base = where.dir.toAbsolutePath().resolve("swarm").resolve(LabSpec.validName(where.name));
    List<Target> out = new ArrayList<>();
    for (String g : SwarmLab.groupNames(groups)) {
      Path dir = base.resolve(g);
      if (!Files.isRegularFile(dir.resolve("admin-token"))) {
        throw new CliException(
            ExitCodes.USAGE,
            "no swarm group " + g + " in " + base + " (no admin-token)",
            List.of("render or start it first: perfshop lab up --swarm --groups " + groups),
            null);
      }
      int port = serverPort(dir.resolve("stack.yaml"), g);
      Path tokenFile = dir.resolve("admin-token");
      var token =
          new Resolved<>(
              new AdminToken(readToken(tokenFile)), Source.LAB_WORKSPACE, tokenFile.toString());
      out.add(
          new Target(
              g,
              new Resolved<>(
                  URI.create("http://" + hostPart() + ":" + port),
                  Source.LAB_WORKSPACE,
                  dir.resolve("stack.yaml").toString()),
              () -> token));
    }
    return out;
  }

  private String hostPart() {
    if (!host.matches("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:]+]")) {
      throw CliException.usage("--host must be a host name or address, got '" + host + "'");
    }
    return host;
  }

  /** The port the group's stack publishes for the server's 8080. */
  @SuppressWarnings("unchecked")
  static int serverPort(Path stackFile, String group) {
    try {
      Map<String, Object> stack =
          YAMLMapper.builder().build().readValue(stackFile.toFile(), Map.class);
      var services = (Map<String, Object>) stack.get("services");
      var server = (Map<String, Object>) services.get("perfshop-server");
      for (Object p : (List<Object>) server.getOrDefault("ports", List.of())) {
        if (p instanceof Map<?, ?> port && Integer.valueOf(8080).equals(port.get("target"))) {
          return ((Number) port.get("published")).intValue();
        }
      }
    } catch (RuntimeException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read the server port of group " + group + " from " + stackFile,
          e);
    }
    throw CliException.usage("group " + group + "'s stack publishes no server port: " + stackFile);
  }

  private static String readToken(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw CliException.usage("the admin token file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read the admin token file " + file + ": " + e.getClass().getSimpleName(),
          e);
    }
  }
}
