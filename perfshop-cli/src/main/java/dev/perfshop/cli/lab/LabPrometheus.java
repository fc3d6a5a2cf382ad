package dev.perfshop.cli.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The Prometheus of a Docker lab, for the scenario runner's PromQL expectations when no {@code
 * --prometheus} is given: the lab runs one (observability profile, or {@code prometheus} among its
 * {@code --services}) and it answers ready on its published port.
 */
public final class LabPrometheus {

  private LabPrometheus() {}

  /** The lab's Prometheus base URL when the lab has one that answers ready now. */
  public static Optional<URI> ready(Workspace ws) {
    if (!ws.exists()) {
      return Optional.empty();
    }
    Workspace.Meta meta = ws.meta();
    boolean has =
        meta.services().isEmpty()
            ? meta.profiles().contains(Profile.OBSERVABILITY)
            : meta.services().contains("prometheus");
    if (!has) {
      return Optional.empty();
    }
    String host = Lab.publishedHost(ws);
    URI base =
        URI.create(
            "http://" + host + ":" + new LabPorts(meta.portOffset()).port("PROMETHEUS_PORT"));
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      int status =
          http.send(
                  HttpRequest.newBuilder(base.resolve("/-/ready"))
                      .timeout(Duration.ofSeconds(3))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return status == 200 ? Optional.of(base) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
