package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perfshop lab}: bring a lab up (Docker Compose, or embedded), inspect it, take it down. */
@Command(
    name = "lab",
    description =
        "Provision a PerfShop lab: Docker Compose stack (or --embedded), status, logs, down.",
    mixinStandardHelpOptions = true,
    subcommands = {
      LabCommand.Up.class,
      LabCommand.Down.class,
      LabCommand.Status.class,
      LabCommand.Logs.class,
      LabCommand.Urls.class,
      LabCommand.ResetData.class,
      LabCommand.Container.class,
      LabCommand.BuildImages.class,
      LabCommand.Doctor.class,
      LabCommand.Monitor.class,
      LabVerifyCommand.class,
      LabRenderCommand.class,
      LabGradesCommand.class
    })
public final class LabCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every lab command shares. */
  static final class Where {
    @Option(
        names = "--name",
        defaultValue = "default",
        description = "Lab name (several labs per host; default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
        names = "--dir",
        defaultValue = ".perfshop",
        description = "Workspace folder (default: ./${DEFAULT-VALUE}).")
    Path dir;

    Workspace workspace() {
      return new Workspace(dir, name);
    }
  }

  static Lab lab(CommandSpec spec) {
    return Lab.connect(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  static String version() {
    Properties p = new Properties();
    try (var in = dev.perfshop.cli.PerfShopCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown version
    }
    return p.getProperty("version", "dev").toLowerCase(java.util.Locale.ROOT);
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = "Render the templates, start the stack, wait until healthy, print the URLs.")
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Option(
        names = "--profile",
        defaultValue = "core,observability",
        description =
            "Profiles: core, observability, logs, qa, or all (default: ${DEFAULT-VALUE}).")
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

    @Option(
        names = "--server-jar",
        description = "Server jar for the linux variant and --embedded.")
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
                version());
        new SwarmLab(spec.commandLine().getOut(), spec.commandLine().getErr())
            .up(rendered, Duration.ofSeconds(timeout));
        return ExitCodes.OK;
      }
      Path cwd = Path.of("").toAbsolutePath();
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
      Lab lab = lab(spec);
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
                version(),
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

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description =
          "Stop and remove the lab's containers (data volumes are kept unless --volumes).")
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Option(
        names = "--volumes",
        description = "Also delete the lab's data volumes (database, metrics, dashboards state).")
    boolean volumes;

    @Option(names = "--embedded", description = "Stop the embedded server instead.")
    boolean embedded;

    @Option(names = "--swarm", description = "Remove the swarm stacks of --groups groups.")
    boolean swarm;

    @Option(names = "--groups", defaultValue = "1", description = "--swarm: class groups.")
    int groups;

    @Override
    public Integer call() throws Exception {
      if (swarm) {
        new SwarmLab(spec.commandLine().getOut(), spec.commandLine().getErr())
            .down(where.name, SwarmLab.groupNames(groups));
        return ExitCodes.OK;
      }
      if (embedded) {
        new EmbeddedLab(where.dir, spec.commandLine().getOut(), spec.commandLine().getErr())
            .down(Duration.ofSeconds(20));
        return ExitCodes.OK;
      }
      Lab lab = lab(spec);
      try {
        lab.down(where.workspace(), volumes);
      } finally {
        lab.close();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "One line per container: service, state, health, restarts.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;
    @Mixin dev.perfshop.cli.output.OutputOptions output;

    @Override
    public Integer call() throws Exception {
      Lab lab = lab(spec);
      try {
        var cs = lab.status(where.workspace());
        var chaos =
            new ContainerChaos(lab, where.workspace(), java.time.Clock.systemUTC()).active(cs);
        PrintWriter out = spec.commandLine().getOut();
        int code =
            cs.isEmpty() || cs.stream().allMatch(DockerEngine.LabContainer::ready)
                ? ExitCodes.OK
                : ExitCodes.FAILURE;
        var json = dev.perfshop.cli.http.Json.array();
        for (var c : cs) {
          var o =
              json.addObject()
                  .put("service", c.service())
                  .put("container", c.name())
                  .put("state", c.state())
                  .put("health", c.health())
                  .put("restarts", c.restarts())
                  .put("ready", c.ready());
          var anomalies = o.putArray("chaos");
          chaos.stream()
              .filter(a -> a.service().equals(c.service()))
              .forEach(
                  a ->
                      anomalies
                          .addObject()
                          .put("type", a.type().id())
                          .put("since", a.since().toString()));
        }
        if (output.printedAsJson(out, json)) {
          return code;
        }
        out.printf(
            "%-24s %-10s %-10s %-8s %s%n", "SERVICE", "STATE", "HEALTH", "RESTARTS", "STATUS");
        for (var c : cs) {
          String anomaly =
              chaos.stream()
                  .filter(a -> a.service().equals(c.service()))
                  .map(a -> "  [chaos: " + a.type().id() + " since " + a.since() + "]")
                  .reduce("", String::concat);
          out.printf(
              "%-24s %-10s %-10s %-8d %s%s%n",
              c.service(), c.state(), c.health(), c.restarts(), c.status(), anomaly);
        }
        if (cs.isEmpty()) {
          out.println("(no containers: the lab is down)");
        }
        out.flush();
        return code;
      } finally {
        lab.close();
      }
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Logs of the lab's services (one service with --follow).")
  static final class Logs implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Parameters(
        arity = "0..1",
        paramLabel = "SERVICE",
        description = "e.g. perfshop-server, mysql, prometheus")
    String service;

    @Option(
        names = "--tail",
        defaultValue = "100",
        description = "Lines from the end (default: ${DEFAULT-VALUE}; -1 for all).")
    int tail;

    @Option(
        names = {"-f", "--follow"},
        description = "Keep printing new lines.")
    boolean follow;

    @Override
    public Integer call() throws Exception {
      Lab lab = lab(spec);
      try {
        lab.logs(where.workspace(), service, tail, follow);
      } finally {
        lab.close();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "urls",
      mixinStandardHelpOptions = true,
      description = "Print the URLs of a rendered lab.")
  static final class Urls implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Override
    public Integer call() throws Exception {
      Workspace ws = where.workspace();
      Workspace.Meta m = ws.meta();
      String bind = Lab.envValue(ws, "LAB_BIND");
      new Lab(null, null, spec.commandLine().getOut(), spec.commandLine().getErr())
          .printUrls(
              new LabSpec(
                  ws.name(),
                  m.profiles(),
                  m.variant(),
                  new LabPorts(m.portOffset()),
                  ImageOverrides.none(),
                  bind.isEmpty() ? "127.0.0.1" : bind,
                  m.services()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "reset-data",
      mixinStandardHelpOptions = true,
      description = "Restore the shop's seed data (POST /api/admin/data/reset) on the current lab.")
  static final class ResetData implements Callable<Integer> {
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
      try (HttpClient http =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
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
            ExitCodes.UNREACHABLE,
            "cannot reach the lab's server at " + url + ": " + e.getMessage());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "container",
      mixinStandardHelpOptions = true,
      description = "Infrastructure anomalies on a lab service: kill, pause, unpause, restart.")
  static final class Container implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Parameters(
        index = "0",
        paramLabel = "ACTION",
        description = "kill | pause | unpause | restart")
    String action;

    @Parameters(index = "1", paramLabel = "SERVICE", description = "e.g. mysql")
    String service;

    @Override
    public Integer call() throws Exception {
      if (!List.of("kill", "pause", "unpause", "restart").contains(action)) {
        throw new LabException(
            ExitCodes.USAGE,
            "unknown action '" + action + "'",
            "actions: kill, pause, unpause, restart");
      }
      Lab lab = lab(spec);
      try {
        int n = lab.containerAction(where.workspace(), service, action);
        spec.commandLine()
            .getOut()
            .println(action + ": " + service + " (" + n + " container" + (n == 1 ? "" : "s") + ")");
        spec.commandLine().getOut().flush();
      } finally {
        lab.close();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "build-images",
      mixinStandardHelpOptions = true,
      description =
          "Build the lab's own images (server, monitor, JMeter) from this checkout and tag them as"
              + " variant desktop expects, e.g. to prepare an offline classroom.")
  static final class BuildImages implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Option(
        names = "--images",
        description = "Image override file (a base image, or other names for the built images).")
    Path images;

    @Option(
        names = "--templates",
        description = "Use the compose templates of this folder instead of those in the CLI.")
    Path templates;

    @Option(names = "--server-jar", description = "Server jar (default: this checkout's).")
    Path serverJar;

    @Option(names = "--agents-dir", description = "Folder with the two agent jars.")
    Path agentsDir;

    @Option(names = "--cli-jar", description = "CLI jar (lib/ beside it) of the monitor image.")
    Path cliJar;

    @Override
    public Integer call() throws Exception {
      ServerArtifacts server =
          ServerArtifacts.find(Path.of("").toAbsolutePath(), serverJar, agentsDir, cliJar)
              .orElseThrow(
                  () ->
                      new LabException(
                          ExitCodes.USAGE,
                          "build-images needs the server jar",
                          "build it (make build) or pass --server-jar"));
      LabSpec labSpec =
          new LabSpec(
              "build-images",
              java.util.EnumSet.allOf(Profile.class),
              Variant.LINUX,
              new LabPorts(0),
              images == null ? ImageOverrides.none() : ImageOverrides.read(images),
              "127.0.0.1",
              List.of());
      Templates t =
          templates != null ? Templates.fromDirectory(templates) : Templates.fromClasspath();
      Lab lab = lab(spec);
      try {
        List<String> tagged =
            lab.buildImages(
                new Workspace(where.dir, "build-images"), labSpec, t, server, version());
        PrintWriter out = spec.commandLine().getOut();
        tagged.forEach(ref -> out.println("built " + ref));
        out.println("run a lab on them: perfshop lab up --variant desktop");
        out.println("ship them: docker save -o perfshop-images.tar " + String.join(" ", tagged));
        out.flush();
      } finally {
        lab.close();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "doctor",
      mixinStandardHelpOptions = true,
      description =
          "Check what a lab needs here: Docker engine, Compose, memory per profile, server jar.")
  static final class Doctor implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      int problems = 0;
      long memory = 0;
      try (DockerJavaEngine engine = DockerJavaEngine.connect()) {
        DockerEngine.EngineInfo info = engine.info();
        memory = info.memoryBytes() >> 20;
        out.printf(
            "ok    Docker %s (API %s) at %s, %d CPUs, %d MiB%n",
            info.version(), info.apiVersion(), info.host(), info.cpus(), memory);
      } catch (LabException e) {
        problems++;
        out.println("FAIL  " + e.getMessage());
        e.hints().forEach(h -> out.println("      " + h));
      }
      try {
        out.println(
            "ok    compose: "
                + String.join(" ", Compose.detect(System.getenv("PERFSHOP_COMPOSE")).command()));
      } catch (LabException e) {
        problems++;
        out.println("FAIL  " + e.getMessage());
      }
      for (Profile p : Profile.values()) {
        int need = Lab.MEMORY_MIB.get(p);
        out.printf(
            "%s  profile %-14s needs %5d MiB%n",
            memory == 0 || memory >= need ? "info" : "WARN", p.id(), need);
      }
      var server = ServerArtifacts.find(Path.of("").toAbsolutePath(), null, null);
      out.println(
          server
              .map(
                  a ->
                      "ok    server jar "
                          + a.jar()
                          + " ("
                          + a.agents().size()
                          + " agents): variant linux and --embedded available")
              .orElse("info  no server jar here: variant desktop (prebuilt image) only"));
      out.println(
          JmeterRuntime.find(Path.of(""))
              .map(j -> "ok    JMeter runtime " + j.dir() + ": the qa jmeter image builds offline")
              .orElse(
                  "info  no JMeter runtime here (make build): the qa jmeter one-shot needs a preloaded image"));
      out.flush();
      return problems == 0 ? ExitCodes.OK : ExitCodes.DOCKER;
    }
  }

  @Command(
      name = "monitor",
      mixinStandardHelpOptions = true,
      description =
          "Serve the lab's container metrics (CPU, memory, network, restarts) for Prometheus on /metrics.")
  static final class Monitor implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Where where;

    @Option(
        names = "--port",
        description = "Port (default: the lab's MONITOR_PORT, 9101 plus its port offset).")
    Integer port;

    @Option(
        names = "--interval",
        defaultValue = "5",
        description = "Seconds between two samples of the containers (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(
        names = "--project",
        description =
            "Watch this compose project without a workspace (how the lab's perfshop-monitor"
                + " container runs it; default port 9101).")
    String project;

    @Option(
        names = "--bind",
        defaultValue = "0.0.0.0",
        description =
            "Address (default: ${DEFAULT-VALUE}: Prometheus scrapes it from its container).")
    String bind;

    @Override
    public Integer call() throws Exception {
      int listen;
      String watched;
      if (project != null) {
        listen = port != null ? port : 9101;
        watched = project;
      } else {
        Workspace.Meta meta = where.workspace().meta();
        listen = port != null ? port : new LabPorts(meta.portOffset()).port("MONITOR_PORT");
        watched = LabSpec.project(where.name);
      }
      DockerJavaEngine engine = DockerJavaEngine.connect();
      engine.info();
      new LabMonitor(engine, watched)
          .serve(bind, listen, Duration.ofSeconds(interval), spec.commandLine().getErr());
      Thread.currentThread().join();
      return ExitCodes.OK;
    }
  }
}
