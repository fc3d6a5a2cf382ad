package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's admin calls go through the CLI's one client: the workspace's token in {@code
 * X-Admin-Token}, and a refusal is the server's problem detail with the CLI's exit codes (a small
 * HTTP server stands in for the lab's PerfShop server).
 */
class LabProvisioningTests {

  @TempDir Path dir;
  HttpServer server;
  final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void resetDataSendsTheWorkspaceTokenAndReturnsTheServersAnswer() throws IOException {
    serve(200, "application/json", "{\"ordersDeleted\":3,\"cartsDeleted\":1,\"products\":40}");
    workspace("s3cret-token");

    var answer = LabProvisioning.resetData(dir);

    assertThat(answer.path("ordersDeleted").asInt()).isEqualTo(3);
    assertThat(seen).containsExactly("POST /api/admin/data/reset token=s3cret-token");
  }

  @Test
  void aRefusedTokenIsTheRejectedExitCodeNamingWhereTheTokenCameFrom() throws IOException {
    serve(
        401,
        "application/problem+json",
        "{\"type\":\"https://perfshop.dev/problems/unauthorized\",\"title\":\"Unauthorized\","
            + "\"status\":401,\"detail\":\"missing or invalid X-Admin-Token\"}");
    workspace("wrong");

    assertThatThrownBy(() -> LabProvisioning.resetData(dir))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.REJECTED);
              // (a streamed POST answered 401 loses its body in HttpURLConnection: the status
              // and the token's origin are what the user gets)
              assertThat(e.getMessage()).contains("401");
              assertThat(e.hints())
                  .anyMatch(
                      h -> h.contains("admin token from lab workspace") && h.contains("refused"));
            });
  }

  @Test
  void aLicenceRefusedWith402KeepsTheLicenceExitCodeAndPointsAtTheServerLogs() throws IOException {
    serve(
        402,
        "application/problem+json",
        "{\"title\":\"Payment Required\",\"status\":402,\"detail\":\"untrusted-key\"}");
    workspace("t0ken");
    var client = LabProvisioning.clientOf(dir, java.time.Duration.ofSeconds(5));

    assertThatThrownBy(() -> LabProvisioning.installLicence(client, dir.resolve("licence"), "lab"))
        .isInstanceOfSatisfying(
            LabException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.LICENCE);
              assertThat(e.getMessage())
                  .startsWith("lab refused its licence")
                  .contains("untrusted-key");
              assertThat(e.hints()).anyMatch(h -> h.contains("perfshop lab logs perfshop-server"));
            });
    assertThat(seen).containsExactly("PUT /api/admin/license token=t0ken");
  }

  @Test
  void withoutALabHereNothingIsSentAndTheUsageCodeSaysWhatToDo() {
    assertThatThrownBy(() -> LabProvisioning.resetData(dir))
        .isInstanceOfSatisfying(
            LabException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
              assertThat(e.getMessage()).contains("no lab here");
            });
  }

  @Test
  void anUnreachableLabIsTheUnreachableExitCode() throws IOException {
    serve(200, "application/json", "{}");
    workspace("t");
    server.stop(0);
    server = null;

    assertThatThrownBy(() -> LabProvisioning.resetData(dir))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.UNREACHABLE));
  }

  @Test
  void aLicenceWhoseFirstConnectionIsDroppedIsSentAgain() throws IOException {
    serve(200, "application/json", "{\"valid\":true}");
    server.removeContext("/");
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          if (calls.incrementAndGet() == 1) {
            exchange.close(); // no answer: the client reads the end of the stream
            return;
          }
          byte[] bytes = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    workspace("t0ken");
    var client = LabProvisioning.clientOf(dir, java.time.Duration.ofSeconds(5));

    LabProvisioning.installLicence(client, dir.resolve("licence"), "lab");

    assertThat(seen).containsExactly("PUT /api/admin/license", "PUT /api/admin/license");
  }

  private void workspace(String token) throws IOException {
    Files.writeString(dir.resolve("admin-token"), token + "\n");
    LabProvisioning.writeClientConfig(
        dir, "http://127.0.0.1:" + server.getAddress().getPort(), Path.of("admin-token"));
  }

  private void serve(int status, String contentType, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          seen.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " token="
                  + exchange.getRequestHeaders().getFirst("X-Admin-Token"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }
}
