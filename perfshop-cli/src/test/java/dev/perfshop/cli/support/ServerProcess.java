package dev.perfshop.cli.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code perfshop-server} process (the jar built earlier in the same reactor), started once
 * per test JVM on a free port with a throwaway data folder and a known admin token, and stopped
 * when the JVM exits. A missing jar skips locally and fails under {@code CI=true}.
 */
public final class ServerProcess {

  /** Test-only admin token (32+ characters), never valid anywhere else. */
  public static final String TOKEN = "cli-test-only-admin-token-5d8e2b7c9a4f1036";

  private static ServerProcess shared;

  private final Process process;
  private final String token;
  private final int port;
  private final Path dataDir;
  private final Path log;

  private Path licence;

  private ServerProcess(Process process, String token, int port, Path dataDir, Path log) {
    this.process = process;
    this.token = token;
    this.port = port;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** True when this server build has the licence gate (402 on the shop API without a licence). */
  public boolean hasLicenceGate() {
    return has("/api/license/status");
  }

  /** The licence file issued for this server and installed at start, or null (no gate). */
  public Path licenceFile() {
    return licence;
  }

  /** The shared server, started on first use. */
  public static synchronized ServerProcess get() {
    Path jar = jar();
    RealParts.require(
        Files.isRegularFile(jar),
        "the perfshop-server jar (" + jar + ")",
        "build it first: ./mvnw -pl perfshop-server -am package -DskipTests, or run the reactor verify");
    if (shared == null) {
      shared = start(jar, TOKEN);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  /**
   * Another server of its own (another class group, say), with its own data folder and admin token
   * (32+ characters) and, optionally, settings of its own ({@code --name=value}); stop it with
   * {@link #close()} (also stopped when the JVM exits).
   */
  public static ServerProcess startAnother(String token, String... settings) {
    Path jar = jar();
    RealParts.require(
        Files.isRegularFile(jar),
        "the perfshop-server jar (" + jar + ")",
        "build it first: ./mvnw -pl perfshop-server -am package -DskipTests, or run the reactor verify");
    ServerProcess server = start(jar, token, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  /** Stops a server of {@link #startAnother} and deletes its data folder. */
  public void close() {
    stop();
  }

  /** This server's admin token. */
  public String token() {
    return token;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A file holding this server's admin token, as an instructor would keep it. */
  public Path tokenFile() {
    return dataDir.resolve("admin-token");
  }

  public Path dataDir() {
    return dataDir;
  }

  /** True when the server answers {@code path} with something other than 404. */
  public boolean has(String path) {
    return status(path, token) != 404;
  }

  /** True when this server build refuses admin requests with a wrong token. */
  public boolean checksAdminToken() {
    int status = status("/api/admin/license", "not-the-token-0123456789abcdef0123456789");
    return status == 401 || status == 403;
  }

  private int status(String path, String token) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url() + path))
                  .header("X-Admin-Token", token)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static Path jar() {
    String configured = System.getProperty("perfshop.server.jar");
    return configured != null
        ? Path.of(configured)
        : Path.of("../perfshop-server/target/perfshop-server.jar").toAbsolutePath().normalize();
  }

  private static ServerProcess start(Path jar, String token, String... settings) {
    try {
      int port = freePort();
      Path dataDir = Files.createTempDirectory("perfshop-cli-it-");
      Files.writeString(dataDir.resolve("admin-token"), token + "\n");
      Path log = dataDir.resolve("server.log");
      Path keys = trustTestSigningKey(dataDir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-jar");
      command.add(jar.toString());
      command.add("--server.port=" + port);
      command.add("--server.address=127.0.0.1");
      command.add("--perfshop.data-dir=" + dataDir.resolve("data"));
      command.add("--perfshop.admin.token=" + token);
      command.addAll(List.of(settings));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ServerProcess server = new ServerProcess(process, token, port, dataDir, log);
      server.awaitReady(Duration.ofSeconds(180));
      if (keys != null && server.hasLicenceGate()) {
        server.licence = installLicence(server, keys);
      }
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the perfshop server", e);
    }
  }

  /**
   * With the offline licence tools in the CLI ({@code license keygen|issue}), makes a signing key
   * pair and lets the server trust it (before it starts: it reads its trusted keys then). Returns
   * the keys folder, or null when this CLI build has no such tools.
   */
  private static Path trustTestSigningKey(Path dataDir) throws IOException {
    Cli cli = new Cli(dataDir.resolve("cli"));
    if (!cli.hasCommand("license", "keygen")) {
      return null;
    }
    Path keys = dataDir.resolve("keys");
    Cli.Result keygen =
        cli.run("license", "keygen", "--out-dir", keys.toString(), "--name", "cli-test");
    if (keygen.code() != 0) {
      fail("license keygen failed: " + keygen);
    }
    Path trusted = Files.createDirectories(dataDir.resolve("data").resolve("trusted-keys"));
    Files.copy(keys.resolve("cli-test.pub"), trusted.resolve("cli-test.pub"));
    return keys;
  }

  /** Issues a licence offline and installs it through {@code perfshop license install}. */
  private static Path installLicence(ServerProcess server, Path keys) {
    Cli cli = Cli.against(server, server.dataDir.resolve("cli"));
    Path licence = keys.resolve("cli-test.license.json");
    Cli.Result issued =
        cli.run(
            "license",
            "issue",
            "--key",
            keys.resolve("cli-test.key").toString(),
            "--licensee",
            "perfshop-cli tests",
            "--out",
            licence.toString());
    Cli.Result installed = cli.run("license", "install", licence.toString());
    if (issued.code() != 0 || installed.code() != 0) {
      fail("cannot license the test server: " + issued + "\n" + installed);
    }
    return licence;
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("the perfshop server exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(250);
    }
    stop();
    fail("the perfshop server was not ready within " + timeout + ":\n" + logTail());
  }

  /** Everything the server has logged so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(
          java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
          java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temp folder
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
