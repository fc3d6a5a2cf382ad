package dev.perfshop.cli.lab;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Render the templates, start the stack, wait until healthy, print the URLs.")
final class LabUpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LabOptions where;

  @Option(
      names = "--profile",
      defaultValue = "core,observability",
      description = "Profiles: core, observability, logs, qa, or all (default: ${DEFAULT-VALUE}).")
  String profiles;

  @Option(
      names = "--variant",
      description =
          "desktop (prebuilt images) or linux (build the server image here). Default: linux when a server jar is found, else desktop.")
  String variant;

  @Option(
      names = "--port-offset",
      description =
          "Added to every published port (default 0 for the lab 'default', else a free multiple of 1000).")
  Integer portOffset;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Host address the ports are published on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--images",
      description = "Image override file: 'upstream = local' per line (offline classrooms).")
  Path images;

  @Option(
      names = "--templates",
      description = "Use the compose templates of this folder instead of those in the CLI.")
  Path templates;

  @Option(names = "--server-jar", description = "Server jar for the linux variant and --embedded.")
  Path serverJar;

  @Option(
      names = "--agents-dir",
      description = "Folder with opentelemetry-javaagent.jar and pyroscope.jar.")
  Path agentsDir;

  @Option(
      names = "--cli-jar",
      description = "CLI jar (lib/ beside it) for the linux variant's monitor image.")
  Path cliJar;

  @Option(
      names = "--services",
      split = ",",
      description =
          "Start only these services of the profiles (e.g. when some images are not available offline).")
  List<String> services = List.of();

  @Option(
      names = "--dry-run",
      description = "Render the workspace and print the compose command; do not touch Docker.")
  boolean dryRun;

  @Option(
      names = "--rebuild",
      description = "Rebuild the server image (variant linux) even if it exists.")
  boolean rebuild;

  @Option(
      names = "--timeout",
      defaultValue = "600",
      description = "Seconds to wait for health (default: ${DEFAULT-VALUE}).")
  int timeout;

  @Option(
      names = "--skip-memory-check",
      description = "Start even if the engine reports less memory than the profiles need.")
  boolean skipMemoryCheck;

  @Option(
      names = "--embedded",
      description = "No Docker: start the server jar as a child process (H2), on --port.")
  boolean embedded;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port of the embedded server (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--swarm",
      description =
          "docker stack deploy of the core on the swarm at DOCKER_HOST, one stack per group (docs/scale.md).")
  boolean swarm;

  @Option(names = "--groups", defaultValue = "1", description = "--swarm: class groups.")
  int groups;

  @Override
  public Integer call() throws Exception {
    if (swarm) {
      var rendered =
          SwarmLab.render(
              templates != null ? Templates.fromDirectory(templates) : Templates.fromClasspath(),
              images == null ? ImageOverrides.none() : ImageOverrides.read(images),
              where.dir.toAbsolutePath().resolve("swarm").resolve(where.name),
              where.name,
              groups,
              portOffset == null ? 0 : portOffset,
              LabCommand.version());
      new SwarmLab(spec.commandLine().getOut(), spec.commandLine().getErr())
          .up(rendered, Duration.ofSeconds(timeout));
      return ExitCodes.OK;
    }
    Path cwd = CliContext.of(spec).workingDir();
    var server = ServerArtifacts.find(cwd, serverJar, agentsDir, cliJar);
    if (embedded) {
      if (server.isEmpty()) {
        throw new LabException(
            ExitCodes.USAGE,
            "--embedded needs the server jar",
            "build it (make build) or pass --server-jar");
      }
      new EmbeddedLab(where.dir, spec.commandLine().getOut(), spec.commandLine().getErr())
          .up(server.get().jar(), port, Duration.ofSeconds(timeout));
      return ExitCodes.OK;
    }
    Variant v =
        variant != null
            ? Variant.parse(variant)
            : server.isPresent() ? Variant.LINUX : Variant.DESKTOP;
    Workspace ws = where.workspace();
    int offset = portOffset != null ? portOffset : defaultOffset(ws);
    LabSpec labSpec =
        new LabSpec(
            where.name,
            Profile.parse(profiles),
            v,
            new LabPorts(offset),
            images == null ? ImageOverrides.none() : ImageOverrides.read(images),
            bind,
            services);
    Templates t =
        templates != null ? Templates.fromDirectory(templates) : Templates.fromClasspath();
    Lab lab = LabCommand.lab(spec);
    try {
      lab.up(
          ws,
          labSpec,
          t,
          server.orElse(null),
          new Lab.UpOptions(
              dryRun,
              rebuild,
              Duration.ofSeconds(timeout),
              skipMemoryCheck,
              LabCommand.version(),
              services));
    } finally {
      lab.close();
    }
    return ExitCodes.OK;
  }

  static int defaultOffset(Workspace ws) {
    if (ws.exists()) {
      return ws.meta().portOffset();
    }
    if ("default".equals(ws.name())) {
      return 0;
    }
    var used =
        Workspace.list(ws.base()).stream()
            .map(n -> new Workspace(ws.base(), n).meta().portOffset())
            .toList();
    int offset = 1000;
    while (used.contains(offset)) {
      offset += 1000;
    }
    return offset;
  }
}
