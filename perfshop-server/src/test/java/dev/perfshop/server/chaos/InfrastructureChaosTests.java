package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.perfshop.server.catalog.ProductRepository;
import dev.perfshop.server.order.ShipmentNotifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Each infrastructure type at level 1 and 5 through the HTTP API, and gone once disabled. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChaosTestConfig.class)
class InfrastructureChaosTests {

  static final String ROUTE = "/api/categories";

  @LocalServerPort int port;
  @Autowired ShipmentNotifier threadLeak;
  @Autowired ProductRepository products;
  ChaosHttp api;

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
  }

  @AfterEach
  void tearDown() {
    api.halt();
  }

  private void enable(String type, int level, String route) {
    assertThat(
            api.enable(type, Map.of("level", level, "probability", 1, "routes", List.of(route)))
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  private long timed(String uri, int expectedStatus) {
    long start = System.nanoTime();
    assertThat(api.get(uri).getStatusCode().value()).isEqualTo(expectedStatus);
    return System.nanoTime() - start;
  }

  @Test
  void dbLatencyDelaysEveryStatementThroughTheDataSource() {
    enable("db-latency", 1, ROUTE);
    assertThat(timed(ROUTE, 200)).isGreaterThanOrEqualTo(Duration.ofMillis(5).toNanos());
    enable("db-latency", 5, ROUTE);
    assertThat(timed(ROUTE, 200)).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    api.disable("db-latency");
    assertThat(timed(ROUTE, 200)).isLessThan(Duration.ofSeconds(2).toNanos());
  }

  @Test
  void dbOutageMakesTheDatabaseUnreachableForMatchedRequests() {
    enable("db-outage", 1, ROUTE);
    timed(ROUTE, 500);
    assertThat(timed("/api/products?size=1", 200))
        .as("other routes keep their database")
        .isPositive();
    enable("db-outage", 5, ROUTE);
    assertThat(timed(ROUTE, 500)).isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
    api.disable("db-outage");
    timed(ROUTE, 200);
  }

  @Test
  void logFloodWritesBurstsOfWarningsCarryingTheChaosFields() {
    Logger flood = (Logger) LoggerFactory.getLogger("dev.perfshop.server.cache.Refresher");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    flood.addAppender(lines);
    try {
      enable("log-flood", 1, ROUTE);
      timed(ROUTE, 200);
      assertThat(lines.list).hasSize(10);
      assertThat(lines.list.getFirst().getMDCPropertyMap())
          .containsEntry("chaos_family", "infrastructure")
          .containsEntry("chaos_level", "1");
      enable("log-flood", 5, ROUTE);
      timed(ROUTE, 200);
      assertThat(lines.list).hasSize(10 + 5000);
      api.disable("log-flood");
      timed(ROUTE, 200);
      assertThat(lines.list).hasSize(10 + 5000);
    } finally {
      flood.detachAppender(lines);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void clockSkewShiftsTheTimestampsTheApplicationWrites() {
    long id = products.findAll().getFirst().getId();
    String route = "/api/products/" + id + "/reviews";
    JsonMapper json = JsonMapper.builder().build();
    enable("clock-skew", 1, route);
    Instant now = ChaosTestConfig.CLOCK.instant();
    assertThat(createdAt(route, json)).isEqualTo(now.plusSeconds(2));
    enable("clock-skew", 5, route);
    assertThat(createdAt(route, json)).isEqualTo(now.minus(Duration.ofDays(1)));
    api.disable("clock-skew");
    assertThat(createdAt(route, json)).isEqualTo(now);
  }

  @SuppressWarnings("unchecked")
  private Instant createdAt(String route, JsonMapper json) {
    String body =
        api.http
            .post()
            .uri(route)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("author", "t", "rating", 2, "body", "time"))
            .retrieve()
            .body(String.class);
    return Instant.parse((String) json.readValue(body, Map.class).get("createdAt"));
  }

  @Test
  void threadLeakStartsThreadsThatEndOnDisable() {
    int before = Thread.activeCount();
    enable("thread-leak", 1, ROUTE);
    timed(ROUTE, 200);
    timed(ROUTE, 200);
    assertThat(threadLeak.live()).isEqualTo(2);
    enable("thread-leak", 5, ROUTE);
    assertThat(threadLeak.live()).as("replacing the activation ends its threads").isZero();
    for (int i = 0; i < 5; i++) {
      timed(ROUTE, 200);
    }
    assertThat(threadLeak.live()).isEqualTo(5);
    assertThat(Thread.activeCount()).isGreaterThanOrEqualTo(before + 5);
    api.disable("thread-leak");
    assertThat(threadLeak.live()).isZero();
  }
}
