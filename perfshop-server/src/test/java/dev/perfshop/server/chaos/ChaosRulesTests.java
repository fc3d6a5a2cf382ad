package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.perfshop.server.catalog.ProductImageCache;
import dev.perfshop.server.order.ShipmentNotifier;
import dev.perfshop.server.support.TestAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChaosTestConfig.class)
class ChaosRulesTests {

  @LocalServerPort int port;
  @Autowired ChaosEngine engine;
  @Autowired MeterRegistry registry;
  @Autowired ProductImageCache memoryLeak;
  @Autowired ShipmentNotifier threadLeak;
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

  private Map<String, Object> errors(Object... more) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("level", 5);
    body.put("probability", 1);
    body.put("routes", List.of("/api/categories"));
    for (int i = 0; i < more.length; i += 2) {
      body.put((String) more[i], more[i + 1]);
    }
    return body;
  }

  @Test
  void everyActivationExpiresByItselfWithoutAnyAdminCall() throws InterruptedException {
    api.enable("error-rate", errors("ttl", "60s", "scenarioId", "ttl-demo"));
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(500);

    ChaosTestConfig.CLOCK.advance(Duration.ofSeconds(61));

    assertThat(api.get("/api/categories").getStatusCode().value())
        .as("an expired activation is ignored on read, before any purge")
        .isEqualTo(200);
    assertThat(api.activations()).isEmpty();
    // the purge scheduler (every 5 s) removes it and audits the expiry, without any admin call
    long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    while (!engine.plan().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(engine.plan().isEmpty()).isTrue();
    assertThat(api.audit(1).getFirst())
        .containsEntry("action", "expire")
        .containsEntry("actor", "system")
        .containsEntry("type", "error-rate")
        .containsEntry("scenarioId", "ttl-demo");
  }

  @Test
  void haltUnderLoadLeavesNoRequestStartedAfterItsResponseAffected() throws Exception {
    api.enable("error-rate", errors());
    api.enable("cpu-burn", Map.of("level", 2, "probability", 1));
    api.enable("memory-leak", Map.of("level", 3));
    api.enable("thread-leak", Map.of("level", 1, "probability", 1));
    api.enable("latency", Map.of("level", 1, "probability", 1, "routes", List.of("/api/products")));
    record Result(long startNanos, int status) {}
    ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(6);
    for (int i = 0; i < 6; i++) {
      String uri = i % 2 == 0 ? "/api/categories" : "/api/products?size=2";
      clients.submit(
          () -> {
            ChaosHttp client = new ChaosHttp(port);
            while (!stop.get()) {
              long start = System.nanoTime();
              int status = client.get(uri).getStatusCode().value();
              results.add(new Result(start, status));
            }
          });
    }
    long haltReturned;
    try {
      long warm = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while ((memoryLeak.retainedBytes() == 0
              || threadLeak.live() == 0
              || results.stream().noneMatch(r -> r.status() == 500))
          && System.nanoTime() < warm) {
        Thread.sleep(20);
      }
      assertThat(memoryLeak.retainedBytes()).isPositive();
      assertThat(threadLeak.live()).isPositive();
      assertThat(api.halt().getStatusCode().value()).isEqualTo(200);
      haltReturned = System.nanoTime();
      // requests in flight at the halt finish on their own; resources are back within 2 s
      awaitZero(memoryLeak::retainedBytes);
      awaitZero(threadLeak::live);
      Thread.sleep(500);
    } finally {
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    List<Result> before = new ArrayList<>();
    List<Result> after = new ArrayList<>();
    results.forEach(r -> (r.startNanos() < haltReturned ? before : after).add(r));
    assertThat(before).extracting(Result::status).contains(500);
    assertThat(after).isNotEmpty();
    assertThat(after).extracting(Result::status).containsOnly(200);
  }

  private static void awaitZero(java.util.function.LongSupplier value) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (value.getAsLong() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(value.getAsLong()).isZero();
  }

  @Test
  void noRequestStartedAfterADisableReturnedIsAffected() {
    api.enable("error-rate", errors());
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(500);
    assertThat(api.disable("error-rate").getStatusCode().value()).isEqualTo(200);
    for (int i = 0; i < 50; i++) {
      assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(200);
    }
  }

  @Test
  void everyNthModeIsDeterministic() {
    api.enable("error-rate", errors("every", 3));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      statuses.add(api.get("/api/categories").getStatusCode().value());
    }
    assertThat(statuses).containsExactly(200, 200, 500, 200, 200, 500, 200, 200, 500);
  }

  @Test
  void scopeLimitsAnActivationToOneSessionOrOneAgent() {
    String session = api.liveSession("scope test");
    String other = api.liveSession("other class");
    String agent = api.enrolledAgent(session, "scoped");
    assertThat(api.enable("error-rate", errors("sessionId", session)).getStatusCode().value())
        .isEqualTo(200);
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(200);
    assertThat(status("X-Perfshop-Session", session)).isEqualTo(500);
    assertThat(status("Cookie", "perfshop_session=" + session)).isEqualTo(500);
    assertThat(status("X-Perfshop-Session", other)).isEqualTo(200);
    assertThat(api.enable("error-rate", errors("agentCode", agent)).getStatusCode().value())
        .isEqualTo(200);
    assertThat(status("X-Perfshop-Agent", agent)).isEqualTo(500);
    assertThat(status("X-Agent-Code", agent.toLowerCase(java.util.Locale.ROOT).replace("-", " ")))
        .as("typed forgivingly")
        .isEqualTo(500);
    // one activation per type and scope: the session's still acts beside the agent's
    assertThat(status("X-Perfshop-Session", session)).isEqualTo(500);
    assertThat(
            api.http
                .delete()
                .uri("/api/admin/chaos/error-rate?sessionId=" + session)
                .header(TestAdmin.HEADER, TestAdmin.TOKEN)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(status("X-Perfshop-Session", session)).isEqualTo(200);
    assertThat(status("X-Perfshop-Agent", agent)).isEqualTo(500);
  }

  private int status(String header, String value) {
    return api.http
        .get()
        .uri("/api/categories")
        .header(header, value)
        .retrieve()
        .toBodilessEntity()
        .getStatusCode()
        .value();
  }

  @Test
  void adminActuatorAndUnmatchedRoutesAreNeverAffected() {
    api.enable("error-rate", Map.of("level", 5, "probability", 1));
    assertThat(api.status()).containsKey("activations");
    assertThat(api.get("/actuator/health").getStatusCode().value()).isEqualTo(200);
    api.enable("error-rate", errors());
    assertThat(api.get("/api/products?size=1").getStatusCode().value()).isEqualTo(200);
    // the students' own tools stay up whatever the chaos: their API, statistics and signals
    api.enable("error-rate", Map.of("level", 5, "probability", 1, "routes", List.of("/api/**")));
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(500);
    for (String path :
        List.of(
            "/api/stats/routes",
            "/api/stats/series",
            "/api/stats/signals/metrics",
            "/api/student/leaderboard")) {
      assertThat(api.get(path).getStatusCode().value()).as(path).isNotEqualTo(500);
    }
  }

  @Test
  void metersShowActiveTypesAndCountInjections() {
    double before = injections("error-rate");
    api.enable("error-rate", errors());
    api.get("/api/categories");
    api.get("/api/categories");
    assertThat(injections("error-rate") - before).isEqualTo(2.0);
    assertThat(
            registry
                .get("perfshop.chaos.active")
                .tags("family", "functional", "type", "error-rate", "level", "5")
                .gauge()
                .value())
        .isEqualTo(1.0);
    api.disable("error-rate");
    assertThat(registry.find("perfshop.chaos.active").tags("type", "error-rate").gauge()).isNull();
  }

  private double injections(String type) {
    return registry.get("perfshop.chaos.injections").tags("type", type).counter().count();
  }

  @Test
  void logLinesWrittenWhileAnAnomalyActsCarryItsFamilyLevelAndScenario() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      api.enable("error-rate", errors("scenarioId", "bac1-errors"));
      api.get("/api/categories");
    } finally {
      root.detachAppender(appender);
    }
    List<ILoggingEvent> errorLines =
        appender.list.stream().filter(e -> e.getLevel().toString().equals("ERROR")).toList();
    assertThat(errorLines).isNotEmpty();
    assertThat(errorLines.getFirst().getMDCPropertyMap())
        .containsEntry("chaos_family", "functional")
        .containsEntry("chaos_level", "5")
        .containsEntry("scenario_id", "bac1-errors");
  }

  @Test
  void nothingInAnAffectedResponseNamesTheChaos() {
    api.enable("error-rate", errors());
    var res = api.get("/api/categories");
    assertThat(res.getStatusCode().value()).isEqualTo(500);
    assertThat(res.getBody().toLowerCase()).doesNotContain("chaos", "error-rate", "assault");
    res.getHeaders()
        .forEach(
            (name, values) ->
                assertThat((name + values).toLowerCase()).doesNotContain("chaos", "assault"));
  }
}
