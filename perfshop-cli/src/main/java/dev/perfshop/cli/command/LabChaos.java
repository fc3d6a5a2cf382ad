package dev.perfshop.cli.command;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.PerfShopCli;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.lab.ContainerChaos;
import dev.perfshop.cli.lab.Lab;
import dev.perfshop.cli.lab.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The Docker lab the chaos commands act on for container anomalies (a picocli mixin): {@code --lab
 * NAME}, else the lab the CLI talks to (the one {@code .perfshop/lab.properties} names, as written
 * by {@code lab up}), else {@code default}; in the nearest {@code .perfshop} folder.
 */
final class LabChaos {

  private static final Pattern LAB_TOKEN = Pattern.compile("lab/([a-z][a-z0-9-]*)/admin-token");

  @Option(
      names = "--lab",
      paramLabel = "NAME",
      description = "Container anomalies: the Docker lab (default: the one the CLI uses).")
  String name;

  Optional<Workspace> workspace(CommandSpec spec) {
    return workspace(spec, name);
  }

  Workspace require(CommandSpec spec) {
    return require(spec, name);
  }

  /** The workspace of the lab, when there is a {@code .perfshop} folder with that lab in it. */
  private static Optional<Workspace> workspace(CommandSpec spec, String labName) {
    PerfShopCli root = (PerfShopCli) spec.root().userObject();
    ConfigResolver resolver = new ConfigResolver(root.context());
    Optional<Path> base = resolver.workspace();
    if (base.isEmpty()) {
      return Optional.empty();
    }
    String name = labName;
    if (name == null) {
      String tokenFile = labProperties(base.get()).getProperty(ConfigResolver.KEY_TOKEN_FILE, "");
      Matcher m = LAB_TOKEN.matcher(tokenFile);
      name = m.matches() ? m.group(1) : "default";
    }
    Workspace ws = new Workspace(base.get(), name);
    return ws.exists() ? Optional.of(ws) : Optional.empty();
  }

  private static Properties labProperties(Path base) {
    Properties p = new Properties();
    Path file = base.resolve(ConfigResolver.LAB_PROPERTIES);
    if (Files.isRegularFile(file)) {
      try (var in = Files.newBufferedReader(file)) {
        p.load(in);
      } catch (IOException e) {
        // unreadable: fall back to the lab named "default"
      }
    }
    return p;
  }

  /** The workspace of the lab, or a usage error saying how to get one. */
  private static Workspace require(CommandSpec spec, String labName) {
    return workspace(spec, labName)
        .orElseThrow(
            () ->
                new dev.perfshop.cli.lab.LabException(
                    dev.perfshop.cli.ExitCodes.USAGE,
                    "container anomalies need a Docker lab"
                        + (labName == null ? "" : " named '" + labName + "'")
                        + ", and none was found from this folder",
                    "start one with: perfshop lab up (then run perfshop from the same folder)"));
  }

  /** Runs {@code body} with the lab's container chaos, closing the Docker connection after. */
  static <T> T with(CommandSpec spec, Workspace ws, Function<ContainerChaos, T> body) {
    CliContext ctx = CliContext.of(spec);
    Lab lab = Lab.connect(ctx.out(), ctx.err());
    try {
      return body.apply(new ContainerChaos(lab, ws, Clock.systemUTC()).by(Server.actor(ctx), null));
    } finally {
      lab.close();
    }
  }
}
