package dev.perfshop.cli.lab;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.config.AdminToken;
import dev.perfshop.cli.config.ConfigResolver;
import dev.perfshop.cli.config.Resolved;
import dev.perfshop.cli.config.Source;
import dev.perfshop.cli.http.PerfShopClient;
import dev.perfshop.cli.license.LabLicense;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * What a started lab is given through the server's admin API — its licence on the first start, the
 * shop's seed data again on {@code lab reset-data} — and the client config that lets the other
 * commands find it. Every admin call goes through {@link PerfShopClient}: a refusal is the server's
 * problem detail with the CLI's exit codes (402 → licence, 4xx/5xx → rejected, no answer →
 * unreachable).
 */
final class LabProvisioning {

  private LabProvisioning() {}

  /**
   * On the lab's first start, installs a licence signed with the lab key. Later starts leave the
   * licence as the instructor left it (a removed licence stays removed: that is how the 402 is
   * demonstrated).
   */
  static void installLicenceOnFirstStart(Workspace ws, LabSpec spec, PrintWriter err) {
    Path marker = ws.licenceDir().resolve("installed");
    if (Files.exists(marker) || !spec.starts(Profile.CORE, "perfshop-server")) {
      return;
    }
    URI url = URI.create("http://" + host(spec) + ":" + spec.ports().port("SERVER_PORT"));
    installLicence(client(url, ws.adminTokenFile()), ws.licenceDir(), "the lab server");
    try {
      Files.createDirectories(marker.getParent());
      Files.createFile(marker);
    } catch (IOException e) {
      throw new LabException(ExitCodes.FAILURE, "cannot write " + marker + ": " + e.getMessage());
    }
    err.println("licence installed (lab key in " + ws.licenceDir() + ")");
    err.flush();
  }

  /** {@code PUT /api/admin/license} with a licence signed by the lab key in {@code licenceDir}. */
  static void installLicence(PerfShopClient server, Path licenceDir, String who) {
    byte[] licence;
    try {
      licence = LabLicense.issue(licenceDir);
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.FAILURE,
          "cannot issue the lab licence in " + licenceDir + ": " + e.getMessage());
    }
    try {
      putLicence(server, licence);
    } catch (CliException e) {
      List<String> hints = new ArrayList<>(e.hints());
      hints.add("see `perfshop lab logs perfshop-server`");
      throw new LabException(
          e.exitCode(),
          who + " refused its licence: " + e.getMessage(),
          e,
          hints.toArray(String[]::new));
    }
  }

  /** How long the licence's PUT is tried again while the server cannot be reached. */
  static final Duration LICENCE_PATIENCE = Duration.ofSeconds(10);

  /**
   * The PUT (idempotent: the same licence) again, about once a second, while the server cannot be
   * reached: a container just reported healthy can still drop the first connections through
   * Docker's port proxy (seen once in CI: "Unexpected end of file from server").
   */
  private static void putLicence(PerfShopClient server, byte[] licence) {
    AtomicReference<CliException> unreachable = new AtomicReference<>();
    Boolean sent =
        new Patience(LICENCE_PATIENCE, Clock.systemUTC())
            .until(
                () -> {
                  try {
                    server.adminSend("PUT", "/api/admin/license", licence);
                    return true;
                  } catch (CliException e) {
                    if (e.exitCode() != ExitCodes.UNREACHABLE) {
                      throw e;
                    }
                    unreachable.set(e);
                    return false;
                  }
                },
                done -> done);
    if (sent == null) {
      throw unreachable.get();
    }
  }

  /** {@code POST /api/admin/data/reset} on the lab whose workspace is {@code dir}: its answer. */
  static JsonNode resetData(Path dir) {
    return clientOf(dir, Duration.ofSeconds(60)).adminSend("POST", "/api/admin/data/reset", null);
  }

  /** The admin client of the lab at {@code url} whose token is in {@code tokenFile}. */
  static PerfShopClient client(URI url, Path tokenFile) {
    String origin = tokenFile.toString();
    return new PerfShopClient(
            new Resolved<>(url, Source.LAB_WORKSPACE, origin),
            () -> new Resolved<>(token(tokenFile), Source.LAB_WORKSPACE, origin),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30))
        .actor("perfshop-lab");
  }

  /** The admin client of the lab that {@code dir/lab.properties} names (written by lab up). */
  static PerfShopClient clientOf(Path dir, Duration requestTimeout) {
    Path props = dir.resolve(ConfigResolver.LAB_PROPERTIES);
    if (!Files.isRegularFile(props)) {
      throw new LabException(
          ExitCodes.USAGE,
          "no lab here (" + props + " is missing)",
          "start one: perfshop lab up (or --embedded)");
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new LabException(ExitCodes.FAILURE, "cannot read " + props + ": " + e.getMessage());
    }
    URI url = ConfigResolver.parseUrl(p.getProperty(ConfigResolver.KEY_URL, ""), props.toString());
    Path tokenFile = dir.resolve(p.getProperty(ConfigResolver.KEY_TOKEN_FILE, "admin-token"));
    String origin = props + " -> " + tokenFile;
    return new PerfShopClient(
            new Resolved<>(url, Source.LAB_WORKSPACE, props.toString()),
            () -> new Resolved<>(token(tokenFile), Source.LAB_WORKSPACE, origin),
            Duration.ofSeconds(5),
            requestTimeout)
        .actor("perfshop-lab");
  }

  private static AdminToken token(Path file) {
    try {
      return new AdminToken(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.USAGE,
          "cannot read the lab's admin token " + file + ": " + e.getMessage(),
          "start the lab again: perfshop lab up");
    }
  }

  /** {@code .perfshop/lab.properties}: where the other commands find the server and the token. */
  static void writeClientConfig(Workspace ws, LabSpec spec) {
    writeClientConfig(
        ws.base(),
        "http://" + host(spec) + ":" + spec.ports().port("SERVER_PORT"),
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
      Files.writeString(base.resolve(ConfigResolver.LAB_PROPERTIES), text);
    } catch (IOException e) {
      throw new LabException(
          ExitCodes.FAILURE,
          "cannot write " + base.resolve(ConfigResolver.LAB_PROPERTIES) + ": " + e.getMessage(),
          e);
    }
  }

  /** The host the lab's published ports answer on, as a client names it. */
  static String host(LabSpec spec) {
    return "0.0.0.0".equals(spec.bind()) ? "localhost" : spec.bind();
  }
}
