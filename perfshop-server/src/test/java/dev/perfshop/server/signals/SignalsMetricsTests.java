package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignalsMetricsTests {

  @LocalServerPort int port;
  @Autowired MetricsHistory history;
  @Autowired DataSource dataSource;

  @Test
  void theDataSourceTheShopUsesIsObservedOutermost() {
    assertThat(dataSource).isInstanceOf(ObservedDataSource.class);
  }

  @Test
  void realTrafficShowsInHeapThreadsPoolAndSqlSamples() {
    ShopClient shop = new ShopClient(port);
    long before = history.sample().t();
    for (int i = 1; i <= 20; i++) {
      assertThat(shop.get("/api/products?q=item" + i).status()).isEqualTo(200);
    }
    history.sample();

    ShopClient.Response res = shop.get("/api/stats/signals/metrics?window=300");
    assertThat(res.status()).isEqualTo(200);
    JsonNode body = res.json();
    assertThat(body.get("stepSeconds").asInt()).isEqualTo(5);
    assertThat(body.get("oldest").asLong()).isPositive();
    List<JsonNode> samples = new ArrayList<>();
    body.get("samples").forEach(samples::add);
    assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
    JsonNode last = samples.getLast();
    assertThat(last.get("heap").get("used").asLong()).isPositive();
    assertThat(last.get("heap").get("pools").properties()).isNotEmpty();
    assertThat(last.get("heap").get("poolsAfterGc").properties()).isNotEmpty();
    assertThat(last.get("threads").get("runnable").asLong()).isPositive();
    assertThat(last.get("cpu").get("process").asDouble()).isBetween(0.0, 1.0);
    assertThat(last.get("pool").get("max").asLong()).isEqualTo(10);
    assertThat(last.get("pool").get("idle").asLong() + last.get("pool").get("active").asLong())
        .isPositive();
    // Twenty searches ran at least twenty SQL statements, timed in the samples after the first
    // (the background sampler may have cut the interval in two).
    List<JsonNode> after = samples.stream().filter(s -> s.get("t").asLong() >= before).toList();
    assertThat(after.stream().mapToLong(s -> s.get("sql").get("statements").asLong()).sum())
        .isGreaterThanOrEqualTo(20);
    assertThat(after)
        .anySatisfy(s -> assertThat(s.get("sql").get("meanMillis").asDouble()).isPositive());
    assertThat(after.stream().mapToLong(s -> s.get("pool").get("acquired").asLong()).sum())
        .isPositive();
  }

  @Test
  void windowOutOfRangeIsAValidationProblem() {
    ShopClient.Response res = new ShopClient(port).get("/api/stats/signals/metrics?window=5");
    assertThat(res.status()).isEqualTo(400);
    assertThat(res.problemType()).isEqualTo("validation");
  }

  @Test
  void thePagesOwnCallsStayOutOfTheRouteStatistics() {
    // The context is shared with other suites (signed-in customers call /api/auth/me): deltas.
    ShopClient client = new ShopClient(port);
    long meBefore = count(client, "GET /api/auth/me");
    for (int i = 0; i < 3; i++) {
      assertThat(client.get("/api/auth/me").status()).isEqualTo(401);
      client.get("/api/student/me");
      client.get("/api/stats/signals/metrics");
    }
    assertThat(count(client, "GET /api/auth/me")).isEqualTo(meBefore);
    JsonNode routes = client.get("/api/stats/routes?window=300").json().get("routes");
    List<String> names = new ArrayList<>();
    routes.forEach(r -> names.add(r.get("route").asString()));
    assertThat(names)
        .noneMatch(r -> r.contains("/api/student"))
        .noneMatch(r -> r.contains("/api/stats"));
  }

  private static long count(ShopClient client, String route) {
    JsonNode routes = client.get("/api/stats/routes?window=300").json().get("routes");
    for (JsonNode r : routes) {
      if (r.get("route").asString().equals(route)) {
        return r.get("count").asLong();
      }
    }
    return 0;
  }
}
