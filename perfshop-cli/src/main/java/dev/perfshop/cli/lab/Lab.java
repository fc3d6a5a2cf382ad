package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
        DockerJavaEngine::connect,
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
              + String.join(
                  " ", c.line(ws.dir(), spec.project(), ws.meta().composeFiles(), upArgs(o))));
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
      checkPorts(spec);
    }
    Compose c = compose();
    ws.render(templates, spec, server, o.version());
    warnWithoutJmeterRuntime(ws, spec);
    List<String> lines = new ArrayList<>();
    List<String> cmd = c.line(ws.dir(), spec.project(), ws.meta().composeFiles(), upArgs(o));
    err.println("$ " + String.join(" ", c.command()) + " up -d  (" + ws.dir() + ")");
    err.flush();
    int rc =
        Compose.run(
            cmd,
            ws.dir(),
            line -> {
              lines.add(line);
              err.println("  " + line);
              err.flush();
            });
    if (rc != 0) {
      throw withFailedContainers(composeFailure(lines, rc), spec.project());
    }
    waitHealthy(spec.project(), o.timeout());
    installLicenceOnFirstStart(ws, spec);
    writeClientConfig(ws, spec);
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
    Compose c = compose();
    List<String> lines = new ArrayList<>();
    err.println("$ " + String.join(" ", c.command()) + " build  (" + ws.dir() + ")");
    err.flush();
    int rc =
        Compose.run(
            c.line(ws.dir(), spec.project(), ws.meta().composeFiles(), args),
            ws.dir(),
            line -> {
              lines.add(line);
              err.println("  " + line);
              err.flush();
            });
    if (rc != 0) {
      throw composeFailure(lines, rc);
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

  /** Adds the state and last log lines of every container that exited or is unhealthy. */
  private LabException withFailedContainers(LabException failure, String project) {
    List<String> hints = new ArrayList<>(failure.hints());
    try {
      for (var c : engine().containers(project)) {
        if ("exited".equals(c.state())
            || "dead".equals(c.state())
            || "unhealthy".equals(c.health())) {
          hints.add(c.service() + " is " + c.state() + "/" + c.health() + "; its last log lines:");
          engine().logs(c.id(), 15, false, l -> hints.add("| " + l));
        }
      }
    } catch (RuntimeException e) {
      return failure; // the engine is gone too: the compose error says enough
    }
    return new LabException(
        failure.exitCode(), failure.getMessage(), failure, hints.toArray(String[]::new));
  }

  /** compose v1 announces a pull as {@code Pulling SERVICE (IMAGE)...}. */
  private static final java.util.regex.Pattern PULLING =
      java.util.regex.Pattern.compile("Pulling (\\S+) \\((\\S+)\\)\\.\\.\\.");

  static LabException composeFailure(List<String> lines, int rc) {
    // A failed pull after "Pulling mysql (image)..." (offline: the registry's name does not
    // resolve) is an image that cannot be found, whatever the registry's own wording.
    for (int i = lines.size() - 1; i >= 0; i--) {
      java.util.regex.Matcher m = PULLING.matcher(lines.get(i));
      if (m.find() && lines.size() - 1 - i <= 2) { // the pull failed, nothing came after it
        String cause = lines.get(lines.size() - 1).strip();
        return new LabException(
            ExitCodes.DOCKER,
            "an image cannot be found: " + m.group(2) + " (service " + m.group(1) + "): " + cause,
            "offline or behind a classroom registry? map it to a local image with --images FILE (see docs/lab.md)");
      }
    }
    for (String l : lines) {
      String low = l.toLowerCase(java.util.Locale.ROOT);
      if (low.contains("failed to resolve reference")
          || low.contains("pull access denied")
          || low.contains("manifest unknown")
          || low.contains("not found: manifest")
          || (low.contains("error") && low.contains("pull"))
          || low.contains("no such image")) {
        return new LabException(
            ExitCodes.DOCKER,
            "an image cannot be found: " + l.strip(),
            "offline or behind a classroom registry? map it to a local image with --images FILE (see docs/lab.md)");
      }
      if (low.contains("port is already allocated") || low.contains("address already in use")) {
        return new LabException(
            ExitCodes.DOCKER,
            "a port is taken: " + l.strip(),
            "pick other ports with --port-offset N");
      }
    }
    return new LabException(
        ExitCodes.DOCKER,
        "docker compose up failed (exit "
            + rc
            + ")"
            + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip()));
  }

  void checkPorts(LabSpec spec) {
    for (var e : spec.ports().published(spec.profiles(), spec.services()).entrySet()) {
      int port = e.getValue();
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(spec.bind()), port));
      } catch (IOException taken) {
        throw new LabException(
            ExitCodes.DOCKER,
            "port " + port + " (" + e.getKey().label() + ") is already in use on " + spec.bind(),
            "stop what uses it, or run this lab with other ports: --port-offset 100");
      }
    }
  }

  /** Waits until every container is running and healthy (or has no healthcheck). */
  public List<DockerEngine.LabContainer> waitHealthy(String project, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> last = new HashMap<>();
    while (true) {
      List<DockerEngine.LabContainer> cs = engine().containers(project);
      for (var c : cs) {
        String now = c.state() + ("none".equals(c.health()) ? "" : "/" + c.health());
        if (!now.equals(last.put(c.service(), now))) {
          err.printf("  %-24s %s%n", c.service(), now);
          err.flush();
        }
        if ("exited".equals(c.state())
            || "dead".equals(c.state())
            || "unhealthy".equals(c.health())) {
          List<String> tail = new ArrayList<>();
          engine().logs(c.id(), 15, false, tail::add);
          throw new LabException(
              ExitCodes.DOCKER,
              "service "
                  + c.service()
                  + " failed: "
                  + c.state()
                  + ("none".equals(c.health()) ? "" : "/" + c.health())
                  + " (exit "
                  + c.exitCode()
                  + ")",
              tail.stream().map(l -> "| " + l).toArray(String[]::new));
        }
      }
      if (!cs.isEmpty() && cs.stream().allMatch(DockerEngine.LabContainer::ready)) {
        return cs;
      }
      if (System.nanoTime() > deadline) {
        List<String> waiting =
            cs.stream()
                .filter(c -> !c.ready())
                .map(c -> c.service() + " (" + c.state() + "/" + c.health() + ")")
                .toList();
        throw new LabException(
            ExitCodes.DOCKER,
            "the lab was not healthy after "
                + timeout.toSeconds()
                + " s; still waiting for "
                + waiting,
            "see the logs: perfshop lab logs <service>");
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException(ExitCodes.FAILURE, "interrupted");
      }
    }
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

  /**
   * On the lab's first start, installs a licence signed with the lab key through the admin API.
   * Later starts leave the licence as the instructor left it (a removed licence stays removed: that
   * is how the 402 is demonstrated).
   */
  void installLicenceOnFirstStart(Workspace ws, LabSpec spec) {
    Path marker = ws.licenceDir().resolve("installed");
    if (Files.exists(marker) || !spec.starts(Profile.CORE, "perfshop-server")) {
      return;
    }
    String host = "0.0.0.0".equals(spec.bind()) ? "localhost" : spec.bind();
    java.net.URI uri =
        java.net.URI.create(
            "http://" + host + ":" + spec.ports().port("SERVER_PORT") + "/api/admin/license");
    try {
      byte[] licence = dev.perfshop.cli.license.LabLicense.issue(ws.licenceDir());
      String token = Files.readString(ws.adminTokenFile()).strip();
      var http = java.net.http.HttpClient.newHttpClient();
      var res =
          http.send(
              java.net.http.HttpRequest.newBuilder(uri)
                  .timeout(java.time.Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("X-Admin-Token", token)
                  .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(licence))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() / 100 != 2) {
        throw new LabException(
            ExitCodes.FAILURE,
            "the lab server refused its licence (" + res.statusCode() + "): " + res.body(),
            "see `perfshop lab logs perfshop-server`");
      }
      Files.createDirectories(marker.getParent());
      Files.createFile(marker);
      err.println("licence installed (lab key in " + ws.licenceDir() + ")");
      err.flush();
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.FAILURE,
          "cannot install the lab licence at " + uri + ": " + e.getMessage(),
          "is the server port reachable?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code .perfshop/lab.properties}: where the other commands find the server and the token. */
  static void writeClientConfig(Workspace ws, LabSpec spec) {
    String host = "0.0.0.0".equals(spec.bind()) ? "localhost" : spec.bind();
    writeClientConfig(
        ws.base(),
        "http://" + host + ":" + spec.ports().port("SERVER_PORT"),
        ws.base().relativize(ws.adminTokenFile()));
  }

  static void writeClientConfig(Path base, String url, Path tokenFile) {
    String text =
        "# Written by perfshop lab up: the lab the other perfshop commands talk to.\n"
            + "url="
            + url
            + "\n"
            + "admin-token-file="
            + tokenFile.toString().replace('\\', '/')
            + "\n";
    try {
      Files.createDirectories(base);
      Files.writeString(base.resolve("lab.properties"), text);
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.FAILURE,
          "cannot write " + base.resolve("lab.properties") + ": " + e.getMessage(),
          e);
    }
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
    String host = "0.0.0.0".equals(spec.bind()) ? "localhost" : spec.bind();
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
    Workspace.Meta meta = ws.meta();
    String project = LabSpec.project(ws.name());
    List<String> args = new ArrayList<>(List.of("down", "--remove-orphans"));
    if (volumes) {
      args.add("--volumes");
    }
    Compose c = compose();
    int rc =
        Compose.run(
            c.line(ws.dir(), project, meta.composeFiles(), args),
            ws.dir(),
            line -> {
              err.println("  " + line);
              err.flush();
            });
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
