package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A rendered lab: {@code <base>/lab/<name>/} (base is {@code ./.perfshop}) holding the compose
 * files, the config of every service, {@code .env} (images, ports, secrets), {@code secrets.env}
 * (made once, kept across renders: the database volume remembers its password), {@code admin-token}
 * and {@code lab.properties} (what was rendered, for down/status/logs).
 */
public final class Workspace {

  static final String META = "lab.properties";

  private final Path base;
  private final String name;

  public Workspace(Path base, String name) {
    this.base = base.toAbsolutePath().normalize();
    this.name = LabSpec.validName(name);
  }

  public Path base() {
    return base;
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return base.resolve("lab").resolve(name);
  }

  public Path envFile() {
    return dir().resolve(".env");
  }

  /** The lab's licence key pair and the marker of the licence installed on first start. */
  public Path licenceDir() {
    return dir().resolve("licence");
  }

  public Path adminTokenFile() {
    return dir().resolve("admin-token");
  }

  public boolean exists() {
    return Files.isRegularFile(dir().resolve(META));
  }

  /** The names of the labs rendered under {@code base}. */
  public static List<String> list(Path base) {
    List<String> out = new ArrayList<>();
    Path labs = base.resolve("lab");
    if (Files.isDirectory(labs)) {
      try (var s = Files.list(labs)) {
        s.filter(p -> Files.isRegularFile(p.resolve(META)))
            .map(p -> p.getFileName().toString())
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** What was rendered: profiles, variant, port offset, compose files. */
  public record Meta(
      Set<Profile> profiles,
      Variant variant,
      int portOffset,
      List<String> composeFiles,
      List<String> services) {}

  public Meta meta() {
    if (!exists()) {
      throw new LabException(
          ExitCodes.USAGE,
          "no lab named '" + name + "' under " + base,
          "start one with: perfshop lab up" + ("default".equals(name) ? "" : " --name " + name));
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(dir().resolve(META))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Meta(
        Profile.parse(p.getProperty("profiles", "core")),
        Variant.parse(p.getProperty("variant", "linux")),
        Integer.parseInt(p.getProperty("port-offset", "0")),
        List.of(p.getProperty("compose-files", "compose.core.yaml").split(",")),
        p.getProperty("services", "").isEmpty()
            ? List.of()
            : List.of(p.getProperty("services").split(",")));
  }

  /** The compose files of a spec, in merge order: core, profiles, then the variant overlay. */
  public static List<String> composeFiles(Set<Profile> profiles, Variant variant) {
    List<String> files = new ArrayList<>();
    for (Profile p : EnumSet.copyOf(profiles)) {
      files.add(p.file());
    }
    files.add(variant.file());
    return files;
  }

  /**
   * Renders the templates for {@code spec}: copies the files, writes .env and the metadata. {@code
   * serverContext} (variant linux) supplies the jar and agents of the server image.
   */
  public void render(
      Templates templates, LabSpec spec, ServerArtifacts serverContext, String version) {
    Path dir = dir();
    try {
      Files.createDirectories(dir);
      if (spec.variant() == Variant.LINUX) {
        if (serverContext == null) {
          throw new LabException(
              ExitCodes.USAGE,
              "variant linux builds the server image, but no server jar was found",
              "build it first (make build), pass --server-jar, or use --variant desktop");
        }
        Path app = dir.resolve("server/app");
        Files.createDirectories(app.resolve("agents"));
        Files.copy(
            serverContext.jar(),
            app.resolve("perfshop-server.jar"),
            StandardCopyOption.REPLACE_EXISTING);
        for (Path agent : serverContext.agents()) {
          Files.copy(
              agent,
              app.resolve("agents").resolve(agent.getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
        }
        stageCli(serverContext.cliJar(), dir.resolve("monitor/app"));
      }
      Map<String, String> secrets = secrets();
      Files.writeString(adminTokenFile(), secrets.get("PERFSHOP_ADMIN_TOKEN") + "\n");
      restrict(adminTokenFile());

      List<String> files = composeFiles(spec.profiles(), spec.variant());
      Map<String, String> env = new LinkedHashMap<>();
      env.put("COMPOSE_PROJECT_NAME", spec.project());
      env.put("COMPOSE_FILE", String.join(":", files));
      env.put("COMPOSE_PATH_SEPARATOR", ":");
      env.put("PERFSHOP_VERSION", version);
      env.put("LAB_BIND", spec.bind());
      // The agents run only when their backend runs: no export retries against nothing.
      env.put("OTEL_AGENT_ENABLED", Boolean.toString(spec.starts(Profile.OBSERVABILITY, "tempo")));
      env.put(
          "PYROSCOPE_AGENT_ENABLED",
          Boolean.toString(spec.starts(Profile.OBSERVABILITY, "pyroscope")));
      env.putAll(spec.ports().env());
      templates.images().forEach((var, ref) -> env.put(var, spec.images().apply(var, ref)));
      env.putAll(secrets);
      // The server never licenses itself: it trusts the lab's own key (made once, private key
      // owner-only in the workspace); lab up installs a licence signed with it (Lab.licence).
      env.put(
          "PERFSHOP_LICENSE_TRUSTED_KEYS",
          dev.perfshop.cli.license.LabLicense.publicKeyLine(licenceDir()));
      // Service configs may name a port or the project: @@VARIABLE@@ is replaced from .env
      // (never ${...}: compose and Grafana interpolate that syntax themselves).
      for (String f : templates.files()) {
        if (f.startsWith("local-images/") || f.equals("INDEX")) {
          continue;
        }
        Path target = dir.resolve(f);
        Files.createDirectories(target.getParent());
        byte[] content = templates.read(f);
        if (f.startsWith("config/") && !f.endsWith(".json")) {
          String text = new String(content, StandardCharsets.UTF_8);
          for (var e : env.entrySet()) {
            text = text.replace("@@" + e.getKey() + "@@", e.getValue());
          }
          content = text.getBytes(StandardCharsets.UTF_8);
        }
        Files.write(target, content);
      }
      // qa: the jmeter image's build context gets the JMeter runtime of this checkout (the
      // Maven build resolves it); without one, only a preloaded jmeter image can run.
      if (spec.profiles().contains(Profile.QA)) {
        var jmeter = JmeterRuntime.find(Path.of(""));
        if (jmeter.isPresent()) {
          jmeter.get().stageInto(dir.resolve("jmeter"));
        }
      }
      StringBuilder sb =
          new StringBuilder("# Rendered by perfshop lab up; edit the flags, not this file.\n");
      env.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      Files.writeString(envFile(), sb.toString());
      restrict(envFile());

      Properties meta = new Properties();
      meta.setProperty("name", name);
      meta.setProperty("profiles", Profile.join(spec.profiles()));
      meta.setProperty("variant", spec.variant().id());
      meta.setProperty("port-offset", Integer.toString(spec.ports().offset()));
      meta.setProperty("compose-files", String.join(",", files));
      meta.setProperty("services", String.join(",", spec.services()));
      Map<Object, Object> sorted = new TreeMap<>(meta);
      StringBuilder m = new StringBuilder("# perfshop lab workspace\n");
      sorted.forEach((k, v) -> m.append(k).append('=').append(v).append('\n'));
      Files.writeString(dir.resolve(META), m.toString());
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.FAILURE, "cannot write the lab workspace " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The monitor image's build context: the CLI jar and its lib/ (the manifest's class path), the
   * lab jar and lib/lab/ (the Docker client: {@link LabLibraries}).
   */
  private static void stageCli(Path cliJar, Path app) throws IOException {
    if (cliJar == null) {
      throw new LabException(
          ExitCodes.USAGE,
          "variant linux builds the monitor image from the CLI jar, but none was found",
          "build it first (make build), pass --cli-jar, or use --variant desktop");
    }
    Path labJar = cliJar.resolveSibling(LabLibraries.LAB_JAR);
    if (!Files.isRegularFile(labJar)) {
      throw new LabException(
          ExitCodes.USAGE,
          "the CLI jar " + cliJar + " has no " + LabLibraries.LAB_JAR + " beside it",
          "build it again (make build), or pass the --cli-jar of a complete build");
    }
    Files.createDirectories(app);
    Files.copy(cliJar, app.resolve("perfshop-cli.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(labJar, app.resolve(LabLibraries.LAB_JAR), StandardCopyOption.REPLACE_EXISTING);
    copyJars(cliJar.resolveSibling("lib"), app.resolve("lib"));
    copyJars(cliJar.resolveSibling(LabLibraries.LAB_LIB), app.resolve(LabLibraries.LAB_LIB));
  }

  /** The jars of {@code from} but those only {@code lab render} uses. */
  private static void copyJars(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var libs = Files.list(from)) {
      for (Path lib :
          libs.filter(f -> f.toString().endsWith(".jar"))
              .filter(f -> !renderOnly(f.getFileName().toString()))
              .toList()) {
        Files.copy(lib, to.resolve(lib.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * Jars of {@code lab render --target kubernetes} only: helm-java, Helm's native library (about 28
   * MB) and the JNA it loads with. The monitor never renders a chart, so its image goes without
   * them.
   */
  static boolean renderOnly(String jarName) {
    return jarName.matches(
        "(helm-java|lib-api|(linux|darwin|windows)-(amd64|arm64)|jna-jpms|jna-platform-jpms)"
            + "-[0-9][^/]*\\.jar");
  }

  /** The lab's secrets, made once with a CSPRNG and kept in secrets.env (mode 600). */
  Map<String, String> secrets() throws IOException {
    Path file = dir().resolve("secrets.env");
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
    for (String key :
        List.of(
            "MYSQL_ROOT_PASSWORD",
            "MYSQL_PASSWORD",
            "GRAFANA_ADMIN_PASSWORD",
            "PERFSHOP_ADMIN_TOKEN",
            "SQUASH_DB_PASSWORD")) {
      if (!out.containsKey(key)) {
        out.put(key, randomSecret());
        changed = true;
      }
    }
    if (changed) {
      StringBuilder sb =
          new StringBuilder("# Made once by perfshop lab up; kept across renders.\n");
      out.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      Files.writeString(file, sb.toString());
      restrict(file);
    }
    return out;
  }

  static String randomSecret() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system (Windows): the user profile folder protects it
    }
  }
}
