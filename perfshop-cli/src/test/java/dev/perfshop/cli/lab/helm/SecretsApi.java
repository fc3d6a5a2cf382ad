package dev.perfshop.cli.lab.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code lookup "v1" "Secret"} needs of a cluster, and nothing more: API discovery and Secret
 * reads (404 when absent). helm-java templates with a cluster client, so without one the chart's
 * lookup fails; with this it sees a first install (no Secret) or an upgrade (the Secret stored
 * here), which is how the tests show that secrets survive {@code helm upgrade}. The kubeconfig
 * pointing at it is at {@code $KUBECONFIG} (set by the build for the test JVM).
 */
final class SecretsApi implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();

  private SecretsApi(HttpServer server) {
    this.server = server;
  }

  static SecretsApi start() {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SecretsApi api = new SecretsApi(s);
      s.createContext("/", api::handle);
      s.start();
      String kubeconfig = System.getenv("KUBECONFIG");
      if (kubeconfig == null) {
        throw new IllegalStateException("KUBECONFIG is not set for the test JVM (see pom.xml)");
      }
      Path file = Path.of(kubeconfig);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
            - name: secrets-api
              cluster: { server: "http://127.0.0.1:%d" }
          users:
            - name: nobody
              user: {}
          contexts:
            - name: secrets-api
              context: { cluster: secrets-api, user: nobody }
          current-context: secrets-api
          """
              .formatted(s.getAddress().getPort()));
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores {@code secretJson} as the live Secret {@code namespace/name}. */
  void put(String namespace, String name, String secretJson) {
    secrets.put("/api/v1/namespaces/" + namespace + "/secrets/" + name, secretJson);
  }

  void clear() {
    secrets.clear();
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String body;
    int code = 200;
    switch (path) {
      case "/version" ->
          body =
              "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\",\"platform\":\"linux/amd64\"}";
      case "/api" ->
          body =
              "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
      case "/apis" -> body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
      case "/api/v1" ->
          body =
              "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"secrets\","
                  + "\"singularName\":\"secret\",\"namespaced\":true,\"kind\":\"Secret\",\"verbs\":[\"get\",\"list\"]}]}";
      default -> {
        body = secrets.get(path);
        if (body == null) {
          code = 404;
          body =
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
        }
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(code, bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
