package dev.perfshop.cli.config;

import dev.perfshop.cli.CliContext;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the server URL and the admin token. Precedence, first wins: flags, environment ({@code
 * PERFSHOP_URL}, {@code PERFSHOP_ADMIN_TOKEN}, {@code PERFSHOP_ADMIN_TOKEN_FILE}), the user config
 * file, the lab workspace ({@code .perfshop/lab.properties} in the working directory or a parent),
 * then the default URL. Documented in docs/cli.md.
 */
public final class ConfigResolver {

  public static final String ENV_URL = "PERFSHOP_URL";
  public static final String ENV_TOKEN = "PERFSHOP_ADMIN_TOKEN";
  public static final String ENV_TOKEN_FILE = "PERFSHOP_ADMIN_TOKEN_FILE";
  public static final String ENV_CONFIG = "PERFSHOP_CONFIG";
  public static final String KEY_URL = "url";
  public static final String KEY_TOKEN_FILE = "admin-token-file";
  public static final List<String> KEYS = List.of(KEY_URL, KEY_TOKEN_FILE);
  public static final String DEFAULT_URL = "http://localhost:8080";
  public static final String WORKSPACE = ".perfshop";
  public static final String LAB_PROPERTIES = "lab.properties";
  public static final String LAB_FILE = WORKSPACE + "/" + LAB_PROPERTIES;

  /** Where the embedded server keeps the token it made (relative to the workspace). */
  public static final String EMBEDDED_TOKEN = "data/admin-token";

  private final CliContext ctx;

  public ConfigResolver(CliContext ctx) {
    this.ctx = ctx;
  }

  public ServerTarget target(Overrides flags) {
    return new ServerTarget(url(flags), adminToken(flags));
  }

  public Resolved<URI> url(Overrides flags) {
    Overrides f = flags.or(ctx.sessionOverrides());
    if (f.url() != null) {
      return new Resolved<>(parseUrl(f.url(), "--url"), Source.FLAG, "--url");
    }
    if (ctx.env(ENV_URL) != null) {
      return new Resolved<>(parseUrl(ctx.env(ENV_URL), ENV_URL), Source.ENVIRONMENT, ENV_URL);
    }
    Path config = userConfigFile();
    String fromConfig = PropertiesFile.read(config).get(KEY_URL);
    if (fromConfig != null && !fromConfig.isEmpty()) {
      return new Resolved<>(
          parseUrl(fromConfig, config.toString()), Source.USER_CONFIG, config.toString());
    }
    Optional<Path> lab = labFile();
    if (lab.isPresent()) {
      String fromLab = PropertiesFile.read(lab.get()).get(KEY_URL);
      if (fromLab != null && !fromLab.isEmpty()) {
        return new Resolved<>(
            parseUrl(fromLab, lab.get().toString()), Source.LAB_WORKSPACE, lab.get().toString());
      }
    }
    return new Resolved<>(URI.create(DEFAULT_URL), Source.DEFAULT, "");
  }

  public Resolved<AdminToken> adminToken(Overrides flags) {
    Overrides f = flags.or(ctx.sessionOverrides());
    if (f.adminToken() != null) {
      return new Resolved<>(token(f.adminToken(), "--admin-token"), Source.FLAG, "--admin-token");
    }
    if (f.adminTokenFile() != null) {
      Path file = ctx.workingDir().resolve(f.adminTokenFile());
      return new Resolved<>(readToken(file), Source.FLAG, "--admin-token-file " + file);
    }
    if (ctx.env(ENV_TOKEN) != null) {
      return new Resolved<>(token(ctx.env(ENV_TOKEN), ENV_TOKEN), Source.ENVIRONMENT, ENV_TOKEN);
    }
    if (ctx.env(ENV_TOKEN_FILE) != null) {
      Path file = ctx.workingDir().resolve(ctx.env(ENV_TOKEN_FILE));
      return new Resolved<>(readToken(file), Source.ENVIRONMENT, ENV_TOKEN_FILE + " " + file);
    }
    Path config = userConfigFile();
    String fromConfig = PropertiesFile.read(config).get(KEY_TOKEN_FILE);
    if (fromConfig != null && !fromConfig.isEmpty()) {
      Path file = config.toAbsolutePath().getParent().resolve(expandHome(fromConfig));
      return new Resolved<>(readToken(file), Source.USER_CONFIG, config + " -> " + file);
    }
    Optional<Path> workspace = workspace();
    if (workspace.isPresent()) {
      Path lab = workspace.get().resolve(LAB_PROPERTIES);
      String fromLab = PropertiesFile.read(lab).get(KEY_TOKEN_FILE);
      if (fromLab != null && !fromLab.isEmpty()) {
        Path file = workspace.get().resolve(expandHome(fromLab));
        return new Resolved<>(readToken(file), Source.LAB_WORKSPACE, lab + " -> " + file);
      }
      Path embedded = workspace.get().resolve(EMBEDDED_TOKEN);
      if (Files.isRegularFile(embedded)) {
        return new Resolved<>(readToken(embedded), Source.LAB_WORKSPACE, embedded.toString());
      }
    }
    return Resolved.none();
  }

  /**
   * {@code $PERFSHOP_CONFIG}, else {@code $XDG_CONFIG_HOME/perfshop/config.properties}, else under
   * ~/.config.
   */
  public Path userConfigFile() {
    if (ctx.env(ENV_CONFIG) != null) {
      return ctx.workingDir().resolve(ctx.env(ENV_CONFIG));
    }
    String xdg = ctx.env("XDG_CONFIG_HOME");
    Path base = xdg != null ? Path.of(xdg) : ctx.home().resolve(".config");
    return base.resolve("perfshop").resolve("config.properties");
  }

  /** The workspace's {@code lab.properties}, when the workspace has one. */
  public Optional<Path> labFile() {
    return workspace().map(w -> w.resolve(LAB_PROPERTIES)).filter(Files::isRegularFile);
  }

  /**
   * The nearest {@code .perfshop} folder, from the working directory upwards, that holds a {@code
   * lab.properties} (written by {@code lab up}) or the admin token of an embedded server started
   * there ({@code data/admin-token}, as {@code make run} does).
   */
  public Optional<Path> workspace() {
    for (Path dir = ctx.workingDir(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(WORKSPACE);
      if (Files.isRegularFile(candidate.resolve(LAB_PROPERTIES))
          || Files.isRegularFile(candidate.resolve(EMBEDDED_TOKEN))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public Map<String, String> userConfig() {
    return PropertiesFile.read(userConfigFile());
  }

  public void writeUserConfig(Map<String, String> values) {
    PropertiesFile.write(userConfigFile(), values, "perfshop CLI configuration (see docs/cli.md)");
  }

  /**
   * An absolute http(s) URL without a trailing slash, or a usage error naming where it came from.
   */
  public static URI parseUrl(String text, String origin) {
    try {
      URI uri = new URI(text.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw CliException.usage(
            "invalid server URL '"
                + text
                + "' from "
                + origin
                + ": expected http(s)://host[:port]");
      }
      String s = uri.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    } catch (URISyntaxException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "invalid server URL '" + text + "' from " + origin + ": " + e.getReason(),
          e);
    }
  }

  private Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return ctx.home().resolve(path.substring(Math.min(2, path.length())));
    }
    return Path.of(path);
  }

  private static AdminToken token(String value, String origin) {
    String v = value.strip();
    if (v.isEmpty()) {
      throw CliException.usage("the admin token from " + origin + " is empty");
    }
    return new AdminToken(v);
  }

  private static AdminToken readToken(Path file) {
    try {
      return token(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read the admin token file " + file + ": " + e.getClass().getSimpleName(),
          e);
    }
  }
}
