package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.scenario.ChaosCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The container-level infrastructure anomalies of a Docker lab ({@code perfshop chaos enable
 * container-kill --service db}). The server cannot kill its own database, so these act through the
 * Docker API (docker-java) on the lab's containers, found by their compose labels.
 *
 * <p>What chaos broke is recorded in the lab workspace ({@code chaos.properties}), so that {@code
 * disable} and {@code halt} heal exactly that (and never restart a container an operator stopped),
 * and {@code chaos status} and {@code lab status} can show it.
 */
public final class ContainerChaos {

  /**
   * The container anomalies of the chaos catalogue (names, descriptions, lasting or one-shot: all
   * from {@code chaos-catalogue.yaml}), each with the Docker action it takes. Nothing else is
   * accepted.
   */
  public enum Type {
    KILL("container-kill", "kill"),
    PAUSE("container-pause", "pause"),
    RESTART("container-restart", "restart");

    private final ChaosCatalogue.ContainerType entry;
    private final String action;

    Type(String id, String action) {
      this.entry =
          ChaosCatalogue.containerType(id)
              .orElseThrow(() -> new IllegalStateException("the chaos catalogue has no " + id));
      this.action = action;
    }

    public String id() {
      return entry.id();
    }

    public String family() {
      return entry.family();
    }

    public String description() {
      return entry.description();
    }

    /** Whether the anomaly lasts until healed (kill, pause) or is over once done (restart). */
    public boolean lasting() {
      return entry.lasting();
    }

    public static Optional<Type> of(String id) {
      return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }
  }

  /** One anomaly chaos left in place, with the state its containers are in now. */
  public record Active(Type type, String service, int level, Instant since, String state) {}

  /** Names an instructor may use for the core services, beside their compose names. */
  static final Map<String, String> ALIASES =
      Map.of(
          "db", "mysql",
          "database", "mysql",
          "server", "perfshop-server",
          "app", "perfshop-server",
          "web", "nginx");

  /** One line of the lab's container audit log. */
  public record AuditEntry(
      Instant at,
      String actor,
      String action,
      String type,
      String service,
      String level,
      String scenarioId) {}

  static final String FILE = "chaos.properties";

  /** Append-only, one tab-separated line per change (the server keeps its own audit log). */
  static final String AUDIT = "chaos-audit.tsv";

  private final Lab lab;
  private final Workspace ws;
  private final Clock clock;
  private String actor = "cli";
  private String scenarioId;

  public ContainerChaos(Lab lab, Workspace ws, Clock clock) {
    this.lab = lab;
    this.ws = ws;
    this.clock = clock;
  }

  /** Who acts, for the audit log: the CLI's actor, and the scenario when a run acts. */
  public ContainerChaos by(String actor, String scenarioId) {
    this.actor = actor;
    this.scenarioId = scenarioId;
    return this;
  }

  /**
   * The compose service an alias ({@code db}, {@code server}, {@code web}) or a name stands for.
   */
  public static String service(String nameOrAlias) {
    return ALIASES.getOrDefault(nameOrAlias, nameOrAlias);
  }

  /**
   * Acts on every container of {@code service} and records a lasting anomaly. Returns the number of
   * containers affected. Unknown services are a usage error naming the lab's services; nothing is
   * recorded then.
   */
  public int enable(Type type, String service, int level) {
    if (level < 1 || level > 5) {
      throw new LabException(ExitCodes.USAGE, "level must be 1 to 5, not " + level);
    }
    String name = service(service);
    int n = lab.containerAction(ws, name, type.action);
    if (type.lasting()) {
      Properties p = read();
      p.setProperty(key(type, name), level + " " + clock.instant());
      write(p);
    }
    audit("enable", type, name, Integer.toString(level));
    return n;
  }

  /**
   * Heals what {@code enable} left: a killed service is started again, a paused one unpaused. With
   * {@code service} null, every service with that anomaly. Returns the services healed.
   */
  public List<String> disable(Type type, String service) {
    return heal("disable", type, service);
  }

  private List<String> heal(String action, Type type, String service) {
    String name = service == null ? null : service(service);
    List<String> healed = new ArrayList<>();
    Properties p = read();
    for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
      String[] parts = key.split("\\.", 2);
      if (!parts[0].equals(type.id()) || (name != null && !parts[1].equals(name))) {
        continue;
      }
      heal(type, parts[1]);
      p.remove(key);
      write(p);
      audit(action, type, parts[1], "-");
      healed.add(parts[1]);
    }
    return healed;
  }

  /** Heals every container anomaly of the lab; returns {@code type service} of each. */
  public List<String> halt() {
    List<String> healed = new ArrayList<>();
    for (Type t : Type.values()) {
      if (t.lasting()) {
        heal("halt", t, null).forEach(s -> healed.add(t.id() + " " + s));
      }
    }
    return healed;
  }

  /** The recorded anomalies, with the current state of their containers. */
  public List<Active> active() {
    return any() ? active(lab.status(ws)) : List.of();
  }

  /** The recorded anomalies, with the state of their containers among {@code containers}. */
  public List<Active> active(List<DockerEngine.LabContainer> containers) {
    Properties p = read();
    List<Active> out = new ArrayList<>();
    for (var e : new TreeMap<>(p).entrySet()) {
      String[] key = e.getKey().toString().split("\\.", 2);
      String[] value = e.getValue().toString().split(" ", 2);
      Optional<Type> type = Type.of(key[0]);
      if (type.isEmpty() || key.length < 2 || value.length < 2) {
        continue; // a line this version did not write: ignored, never acted on
      }
      String state =
          containers.stream()
              .filter(c -> c.service().equals(key[1]))
              .map(DockerEngine.LabContainer::state)
              .findFirst()
              .orElse("gone");
      out.add(
          new Active(
              type.get(), key[1], Integer.parseInt(value[0]), Instant.parse(value[1]), state));
    }
    return out;
  }

  /** Whether this workspace has recorded anomalies (cheap: no Docker call). */
  public boolean any() {
    return !read().isEmpty();
  }

  private void heal(Type type, String service) {
    try {
      lab.containerAction(ws, service, type == Type.PAUSE ? "unpause" : "restart");
    } catch (LabException e) {
      if (e.exitCode() != ExitCodes.USAGE) {
        throw e;
      }
      // The service is gone (lab down): nothing left to heal, forget the record.
    }
  }

  /** The audit log of the lab's container anomalies, newest first, at most {@code limit}. */
  public static List<AuditEntry> audit(Workspace ws, int limit) {
    Path file = ws.dir().resolve(AUDIT);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<AuditEntry> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = lines.size() - 1; i >= 0 && out.size() < limit; i--) {
        String[] f = lines.get(i).split("\t", -1);
        if (f.length == 7) {
          out.add(
              new AuditEntry(
                  Instant.parse(f[0]), f[1], f[2], f[3], f[4], f[5], f[6].isEmpty() ? null : f[6]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private void audit(String action, Type type, String service, String level) {
    String line =
        String.join(
                "\t",
                clock.instant().toString(),
                clean(actor),
                action,
                type.id(),
                service,
                level,
                scenarioId == null ? "" : clean(scenarioId))
            + "\n";
    try {
      Files.writeString(
          ws.dir().resolve(AUDIT),
          line,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String clean(String field) {
    return field.replaceAll("[\\t\\r\\n]", " ");
  }

  private static String key(Type type, String service) {
    return type.id() + "." + service;
  }

  private Path file() {
    return ws.dir().resolve(FILE);
  }

  private Properties read() {
    Properties p = new Properties();
    if (Files.isRegularFile(file())) {
      try (var in = Files.newBufferedReader(file())) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return p;
  }

  private void write(Properties p) {
    try {
      Path tmp = Files.createTempFile(ws.dir(), FILE, ".tmp");
      try (var out = Files.newBufferedWriter(tmp)) {
        p.store(
            out, "container anomalies left in place by perfshop chaos (healed by disable/halt)");
      }
      Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
