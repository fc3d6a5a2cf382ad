package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The lab operations behind {@code perfshop lab …}; the commands only parse and print. */
public final class Lab {

  /** Memory (MiB) the services of a profile may use: the sum of their compose mem_limit. */
  public static final Map<Profile, Integer> MEMORY_MIB =
      Map.of(Profile.CORE, 1728, Profile.OBSERVABILITY, 2624, Profile.LOGS, 2816, Profile.QA, 4864);

  private final Supplier<DockerEngine> engines;
  private final Supplier<Compose> composes;
  private final PrintWriter out;
  private final PrintWriter err;
  private DockerEngine engine;
  private Compose compose;

  public Lab(
      Supplier<DockerEngine> engines,
      Supplier<Compose> composes,
      PrintWriter out,
      PrintWriter err) {
    this.engines = engines;
    this.composes = composes;
    this.out = out;
    this.err = err;
  }

  /** A lab on the real engine (docker-java) and the real compose binary. */
  public static Lab connect(PrintWriter out, PrintWriter err) {
    return new Lab(
        () -> LabEngines.load().docker(),
        () -> Compose.detect(System.getenv("PERFSHOP_COMPOSE")),
        out,
        err);
  }

  DockerEngine engine() {
    if (engine == null) {
      engine = engines.get();
    }
    return engine;
  }

  Compose compose() {
    if (compose == null) {
      compose = composes.get();
    }
    return compose;
  }

  /** Options of {@code lab up} beyond the spec. */
  public record UpOptions(
      boolean dryRun,
      boolean rebuild,
      Duration timeout,
      boolean skipMemoryCheck,
      String version,
      List<String> services) {}

  public static int memoryMib(Set<Profile> profiles) {
    return profiles.stream().mapToInt(MEMORY_MIB::get).sum();
  }

  public void up(
      Workspace ws, LabSpec spec, Templates templates, ServerArtifacts server, UpOptions o) {
    if (o.dryRun()) {
      ws.render(templates, spec, server, o.version());
      warnWithoutJmeterRuntime(ws, spec);
      Compose c = compose == null ? Compose.of(List.of("docker", "compose")) : compose;
      out.println("rendered " + ws.dir());
      out.println(
          "would run: "
              + String.join(" ", new ComposeStack(c, err).line(ws, spec.project(), upArgs(o))));
      out.flush();
      return;
    }
    DockerEngine.EngineInfo info = engine().info();
    err.printf(
        "Docker %s (API %s) at %s, %d CPUs, %d MiB%n",
        info.version(), info.apiVersion(), info.host(), info.cpus(), info.memoryBytes() >> 20);
    int need = memoryMib(spec.profiles());
    if (!o.skipMemoryCheck() && info.memoryBytes() > 0 && (info.memoryBytes() >> 20) < need) {
      throw new LabException(
          ExitCodes.DOCKER,
          "not enough memory: profiles "
              + Profile.join(spec.profiles())
              + " need about "
              + need
              + " MiB, the engine has "
              + (info.memoryBytes() >> 20)
              + " MiB",
          "give Docker Desktop more memory, drop a profile, or pass --skip-memory-check");
    }
    boolean running =
        engine().containers(spec.project()).stream().anyMatch(c -> "running".equals(c.state()));
    if (!running) {
      LabHealth.checkPorts(spec);
    }
    ComposeStack stack = stack();
    ws.render(templates, spec, server, o.version());
    warnWithoutJmeterRuntime(ws, spec);
    ComposeStack.Run up = stack.run(ws, spec.project(), upArgs(o), "up -d");
    if (up.failed()) {
      throw health().withFailedContainers(up.failure(), spec.project());
    }
    waitHealthy(spec.project(), o.timeout());
    LabProvisioning.installLicenceOnFirstStart(ws, spec, err);
    LabProvisioning.writeClientConfig(ws, spec);
    printUrls(spec);
  }

  /** The jmeter one-shot is built from the checkout's JMeter runtime (see JmeterRuntime). */
  private void warnWithoutJmeterRuntime(Workspace ws, LabSpec spec) {
    if (spec.profiles().contains(Profile.QA)
        && !JmeterRuntime.stagedIn(ws.dir().resolve("jmeter"))) {
      err.println(
          "warning: no JMeter runtime ("
              + JmeterRuntime.CHECKOUT_PATH
              + ") found: the jmeter one-shot can run only if the image "
              + envValue(ws, "JMETER_IMAGE")
              + " is already loaded; build the checkout (make build) and run lab up from it");
      err.flush();
    }
  }

  private static List<String> upArgs(UpOptions o) {
    List<String> args = new ArrayList<>(List.of("up", "-d", "--remove-orphans"));
    if (o.rebuild()) {
      args.add("--build");
    }
    args.addAll(o.services());
    return args;
  }

  /**
   * Builds the lab's own images from this checkout, as variant linux does, and tags them with the
   * references variant desktop uses ({@code SERVER_IMAGE}, {@code MONITOR_IMAGE}, and {@code
   * JMETER_IMAGE} when the JMeter runtime is here), after {@code spec}'s image overrides. A
   * classroom then runs {@code --variant desktop} offline, or ships them with {@code docker save}.
   * Returns the references tagged.
   */
  public List<String> buildImages(
      Workspace ws, LabSpec spec, Templates templates, ServerArtifacts server, String version) {
    ws.render(templates, spec, server, version);
    Map<String, String> built = new java.util.LinkedHashMap<>();
    built.put("perfshop-server", "SERVER_IMAGE");
    built.put("perfshop-monitor", "MONITOR_IMAGE");
    if (spec.profiles().contains(Profile.QA)
        && JmeterRuntime.stagedIn(ws.dir().resolve("jmeter"))) {
      built.put("jmeter", "JMETER_IMAGE");
    }
    List<String> args = new ArrayList<>(List.of("build"));
    args.addAll(built.keySet());
    ComposeStack.Run build = stack().run(ws, spec.project(), args, "build");
    if (build.failed()) {
      throw build.failure();
    }
    List<String> tagged = new ArrayList<>();
    for (var e : built.entrySet()) {
      String source =
          "jmeter".equals(e.getKey())
              ? envValue(ws, "JMETER_IMAGE")
              : "perfshop-lab/" + e.getKey() + ":" + envValue(ws, "PERFSHOP_VERSION");
      String target = envValue(ws, e.getValue());
      if (!source.equals(target)) {
        engine().tag(source, target);
      }
      tagged.add(target);
    }
    return tagged;
  }

  /** Waits until every container is running and healthy (or has no healthcheck). */
  public List<DockerEngine.LabContainer> waitHealthy(String project, Duration timeout) {
    return health().waitHealthy(project, timeout);
  }

  private ComposeStack stack() {
    return new ComposeStack(compose(), err);
  }

  private LabHealth health() {
    return new LabHealth(engine(), err);
  }

  /** The host a lab's published ports answer on: its LAB_BIND, loopback when bound to all. */
  static String publishedHost(Workspace ws) {
    String bind = envValue(ws, "LAB_BIND");
    return bind.isEmpty() || "0.0.0.0".equals(bind) ? "127.0.0.1" : bind;
  }

  static String envValue(Workspace ws, String key) {
    try {
      for (String line : Files.readAllLines(ws.envFile(), StandardCharsets.UTF_8)) {
        if (line.startsWith(key + "=")) {
          return line.substring(key.length() + 1);
        }
      }
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.FAILURE, "cannot read " + ws.envFile() + ": " + e.getMessage(), e);
    }
    return "";
  }

  void printUrls(LabSpec spec) {
    out.println(
        "Lab '"
            + spec.name()
            + "' is up ("
            + Profile.join(spec.profiles())
            + ", "
            + spec.variant().id()
            + "):");
    String host = LabProvisioning.host(spec);
    for (var e : spec.ports().published(spec.profiles(), spec.services()).entrySet()) {
      String path = e.getKey().path();
      out.printf(
          "  %-24s %s%n",
          e.getKey().label(),
          path == null ? host + ":" + e.getValue() : "http://" + host + ":" + e.getValue() + path);
    }
    out.println(
        "  admin token              in the lab workspace's admin-token file (.perfshop/lab.properties names it)");
    if (spec.starts(Profile.OBSERVABILITY, "grafana")
        || spec.starts(Profile.OBSERVABILITY, "grafana-instructor")) {
      out.println(
          "  Grafana login            admin / GRAFANA_ADMIN_PASSWORD of the workspace's secrets.env"
              + " (the instructor Grafana accepts nothing else)");
    }
    if (spec.starts(Profile.QA, "squash")) {
      out.println(
          "  Squash TM login          admin / admin123 (Squash's default: change it at first login)");
    }
    out.flush();
  }

  /** {@code compose down} (volumes only when asked), then removes leftovers by project label. */
  public void down(Workspace ws, boolean volumes) {
    String project = LabSpec.project(ws.name());
    List<String> args = new ArrayList<>(List.of("down", "--remove-orphans"));
    if (volumes) {
      args.add("--volumes");
    }
    int rc = stack().run(ws, project, args, null).exitCode();
    for (var left : engine().containers(project)) {
      err.println("  removing leftover " + left.name());
      engine().remove(left.id());
    }
    if (rc != 0) {
      throw new LabException(ExitCodes.DOCKER, "docker compose down failed (exit " + rc + ")");
    }
    // No container is left, so no container anomaly either: the next `up` starts healthy.
    try {
      Files.deleteIfExists(ws.dir().resolve(ContainerChaos.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(
        "Lab '"
            + ws.name()
            + "' is down"
            + (volumes
                ? " and its data volumes are deleted."
                : " (data kept; --volumes deletes it)."));
    out.flush();
  }

  public List<DockerEngine.LabContainer> status(Workspace ws) {
    ws.meta();
    return engine().containers(LabSpec.project(ws.name()));
  }

  public void logs(Workspace ws, String service, int tail, boolean follow) {
    List<DockerEngine.LabContainer> cs =
        status(ws).stream().filter(c -> service == null || c.service().equals(service)).toList();
    if (cs.isEmpty()) {
      throw new LabException(
          ExitCodes.USAGE,
          service == null
              ? "the lab has no containers"
              : "no service '" + service + "' in lab '" + ws.name() + "'");
    }
    if (follow && cs.size() > 1) {
      throw new LabException(
          ExitCodes.USAGE,
          "--follow needs one service",
          "e.g. perfshop lab logs perfshop-server --follow");
    }
    for (var c : cs) {
      String prefix = cs.size() > 1 ? c.service() + " | " : "";
      engine()
          .logs(
              c.id(),
              tail,
              follow,
              line -> {
                out.println(prefix + line);
                out.flush();
              });
    }
  }

  /** Infrastructure anomalies on one service's containers: kill, pause, unpause, restart. */
  public int containerAction(Workspace ws, String service, String action) {
    String name = ContainerChaos.service(service);
    List<DockerEngine.LabContainer> all = status(ws);
    List<DockerEngine.LabContainer> cs =
        all.stream().filter(c -> c.service().equals(name)).toList();
    if (cs.isEmpty()) {
      throw new LabException(
          ExitCodes.USAGE,
          "no service '" + service + "' in lab '" + ws.name() + "'",
          all.isEmpty()
              ? "the lab has no containers: perfshop lab up"
              : "services: "
                  + String.join(
                      ", ", all.stream().map(DockerEngine.LabContainer::service).sorted().toList())
                  + " (aliases: db, server, web)");
    }
    for (var c : cs) {
      switch (action) {
        case "kill" -> engine().kill(c.id());
        case "pause" -> engine().pause(c.id());
        case "unpause" -> engine().unpause(c.id());
        case "restart" -> engine().restart(c.id());
        default -> throw new LabException(ExitCodes.USAGE, "unknown action " + action);
      }
    }
    return cs.size();
  }

  public void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
