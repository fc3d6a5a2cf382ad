package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.license.LabLicense;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code perfshop lab up --swarm}: the compose model's core deployed with {@code docker stack
 * deploy} on the swarm of the engine at DOCKER_HOST, one stack per class group, group i's ports
 * shifted by {@code offset + 1000·i}. Each group's folder ({@code <base>/swarm/<group>/}) holds its
 * stack file, secrets (made once, kept) and admin token.
 */
public final class SwarmLab {

  public static final int MAX_GROUPS = 20;

  /** One rendered group. */
  public record Group(String name, Path dir, LabPorts ports, String stack) {}

  /** perfshop-<group> for the lab 'default', else perfshop-<lab>-<group> (unique per lab). */
  public static String stack(String lab, String group) {
    return SwarmStack.stack("default".equals(lab) ? group : LabSpec.validName(lab) + "-" + group);
  }

  private final PrintWriter out;
  private final PrintWriter err;

  public SwarmLab(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** g01, g02, … (the same names the Helm rendering gives). */
  public static List<String> groupNames(int n) {
    if (n < 1 || n > 30) {
      throw new LabException(ExitCodes.USAGE, "--groups must be between 1 and 30, got " + n);
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      names.add(String.format("g%02d", i));
    }
    return names;
  }

  /** Renders the stack of every group under {@code base}. */
  public static List<Group> render(
      Templates templates,
      ImageOverrides images,
      Path base,
      String lab,
      int groups,
      int offset,
      String version)
      throws IOException {
    if (groups > MAX_GROUPS) {
      throw new LabException(
          ExitCodes.USAGE,
          "a swarm lab has at most " + MAX_GROUPS + " groups (1000 ports apart), got " + groups);
    }
    Path licenceDir = base.resolve("licence");
    List<Group> out = new ArrayList<>();
    List<String> names = groupNames(groups);
    for (int i = 0; i < names.size(); i++) {
      String g = names.get(i);
      Path dir = base.resolve(g);
      LabPorts ports = new LabPorts(offset + 1000 * i);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("COMPOSE_PROJECT_NAME", stack(lab, g));
      env.put("PERFSHOP_VERSION", version);
      env.put("LAB_BIND", "0.0.0.0");
      env.put("OTEL_AGENT_ENABLED", "false");
      env.put("PYROSCOPE_AGENT_ENABLED", "false");
      env.putAll(ports.env());
      templates.images().forEach((var, ref) -> env.put(var, images.apply(var, ref)));
      Map<String, String> secrets = secrets(dir);
      env.putAll(secrets);
      env.put("PERFSHOP_LICENSE_TRUSTED_KEYS", LabLicense.publicKeyLine(licenceDir));
      SwarmStack.write(templates, env, dir);
      Files.writeString(dir.resolve("admin-token"), secrets.get("PERFSHOP_ADMIN_TOKEN") + "\n");
      Workspace.restrict(dir.resolve("admin-token"));
      out.add(new Group(g, dir, ports, stack(lab, g)));
    }
    return out;
  }

  /** Secrets of a group, made once with a CSPRNG and kept in secrets.env (mode 600). */
  static Map<String, String> secrets(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("secrets.env");
    Map<String, String> out = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          out.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    boolean changed = false;
    for (String key : List.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "PERFSHOP_ADMIN_TOKEN")) {
      if (!out.containsKey(key)) {
        out.put(key, Workspace.randomSecret());
        changed = true;
      }
    }
    if (changed) {
      StringBuilder sb = new StringBuilder("# Made once by perfshop; kept across renders.\n");
      out.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      Files.writeString(file, sb.toString());
      Workspace.restrict(file);
    }
    return out;
  }

  /** Deploys every group's stack, waits until each shop answers, installs the licence once. */
  public void up(List<Group> groups, Duration timeout) throws IOException {
    requireSwarmManager();
    for (Group g : groups) {
      docker(
          g.dir(),
          List.of(
              "stack",
              "deploy",
              "--resolve-image",
              "never",
              "--prune",
              "-c",
              "stack.yaml",
              g.stack()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Group g : groups) {
      waitReady(g, deadline, timeout);
      installLicenceOnce(g);
    }
    for (Group g : groups) {
      out.printf(
          "  %-6s shop http://localhost:%d/  through nginx http://localhost:%d/  (stack %s, token in %s)%n",
          g.name(),
          g.ports().port("SERVER_PORT"),
          g.ports().port("WEB_PORT"),
          g.stack(),
          g.dir().resolve("admin-token"));
    }
    out.flush();
  }

  /** Removes the stacks (their volumes stay: docker volume rm to delete the data). */
  public void down(String lab, List<String> groups) {
    for (String g : groups) {
      docker(Path.of("."), List.of("stack", "rm", stack(lab, g)));
    }
  }

  private void requireSwarmManager() {
    List<String> lines = new ArrayList<>();
    int rc =
        Compose.run(
            List.of(
                "docker",
                "info",
                "--format",
                "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"),
            Path.of("."),
            lines::add);
    String state = String.join(" ", lines).strip();
    if (rc != 0 || !state.equals("active true")) {
      throw new LabException(
          ExitCodes.DOCKER,
          "the engine at DOCKER_HOST is not a swarm manager (" + state + ")",
          "make it one: docker swarm init --advertise-addr <address>");
    }
  }

  private void docker(Path dir, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(args);
    err.println("$ " + String.join(" ", cmd));
    err.flush();
    List<String> lines = new ArrayList<>();
    int rc =
        Compose.run(
            cmd,
            dir,
            l -> {
              lines.add(l);
              err.println("  " + l);
              err.flush();
            });
    if (rc != 0) {
      throw new LabException(
          ExitCodes.DOCKER,
          String.join(" ", cmd)
              + " failed (exit "
              + rc
              + ")"
              + (lines.isEmpty() ? "" : ": " + lines.getLast()));
    }
  }

  private void waitReady(Group g, long deadline, Duration timeout) {
    URI uri =
        URI.create(
            "http://127.0.0.1:" + g.ports().port("SERVER_PORT") + "/actuator/health/readiness");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      while (true) {
        try {
          var r =
              http.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            err.println("  " + g.name() + " ready");
            err.flush();
            return;
          }
        } catch (IOException notYet) {
          // the task is starting
        }
        if (System.nanoTime() > deadline) {
          throw new LabException(
              ExitCodes.DOCKER,
              "group "
                  + g.name()
                  + " did not answer on "
                  + uri
                  + " within "
                  + timeout.toSeconds()
                  + " s",
              "see: docker service ps "
                  + g.stack()
                  + "_perfshop-server --no-trunc; docker service logs "
                  + g.stack()
                  + "_perfshop-server");
        }
        Thread.sleep(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException(ExitCodes.FAILURE, "interrupted");
    }
  }

  private void installLicenceOnce(Group g) throws IOException {
    Path marker = g.dir().resolve("licence-installed");
    if (Files.exists(marker)) {
      return;
    }
    URI url = URI.create("http://127.0.0.1:" + g.ports().port("SERVER_PORT"));
    LabProvisioning.installLicence(
        LabProvisioning.client(url, g.dir().resolve("admin-token")),
        g.dir().getParent().resolve("licence"),
        "group " + g.name());
    Files.createFile(marker);
  }
}
