package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfshop.server.catalog.ProductDetailsLoader;
import dev.perfshop.server.catalog.ProductImageCache;
import dev.perfshop.server.order.InvoiceRenderer;
import dev.perfshop.server.order.StockReservation;
import dev.perfshop.server.system.policy.Activation;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each performance type at level 1 and 5 through the HTTP API, and gone once disabled. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChaosTestConfig.class)
class PerformanceChaosTests {

  static final String ROUTE = "/api/categories";

  @LocalServerPort int port;
  @Autowired ChaosEngine engine;
  @Autowired MeterRegistry registry;
  @Autowired ProductImageCache memoryLeak;
  @Autowired StockReservation pool;
  @Autowired InvoiceRenderer starvation;
  @Autowired DataSource dataSource;
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

  private void enable(String type, int level) {
    assertThat(
            api.enable(type, Map.of("level", level, "probability", 1, "routes", List.of(ROUTE)))
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  private double injections(String type) {
    return registry.get("perfshop.chaos.injections").tags("type", type).counter().count();
  }

  private long timedGet() {
    long start = System.nanoTime();
    assertThat(api.get(ROUTE).getStatusCode().value()).isEqualTo(200);
    return System.nanoTime() - start;
  }

  /** After a disable, requests run and the type's injection counter no longer moves. */
  private void assertGoneAfterDisable(String type) {
    api.disable(type);
    double before = injections(type);
    for (int i = 0; i < 3; i++) {
      assertThat(api.get(ROUTE).getStatusCode().value()).isEqualTo(200);
    }
    assertThat(injections(type)).isEqualTo(before);
  }

  @Test
  void latencyNeverSleepsLessThanTheLevelsLowestDelay() {
    enable("latency", 1);
    assertThat(timedGet()).isGreaterThanOrEqualTo(Duration.ofMillis(80).toNanos());
    enable("latency", 5);
    assertThat(timedGet()).isGreaterThanOrEqualTo(Duration.ofMillis(3500).toNanos());
    assertGoneAfterDisable("latency");
  }

  /**
   * A burn runs until the request thread used the level's CPU time, unless its wall-time cap (3×)
   * stops it first on a saturated machine: one of the two must hold.
   */
  @Test
  void cpuBurnUsesRealProcessCpu() {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[][] expectations = {{1, 20}, {5, 1000}};
    for (long[] e : expectations) {
      enable("cpu-burn", (int) e[0]);
      long cpu = os.getProcessCpuTime();
      long wall = timedGet();
      long used = os.getProcessCpuTime() - cpu;
      long target = Duration.ofMillis(e[1]).toNanos();
      assertThat(used >= target * 3 / 4 || wall >= 3 * target)
          .as("level %d: %d ms CPU in %d ms wall", e[0], used / 1_000_000, wall / 1_000_000)
          .isTrue();
      assertThat(used)
          .as("real CPU was burnt")
          .isGreaterThanOrEqualTo(Duration.ofMillis(e[1] / 10).toNanos());
    }
    assertGoneAfterDisable("cpu-burn");
  }

  @Test
  void memoryLeakRetainsRealHeapUnderItsCapAndReleasesItOnDisable() {
    enable("memory-leak", 1);
    timedGet();
    assertThat(memoryLeak.retainedBytes()).isEqualTo(64 << 10);
    enable("memory-leak", 5);
    assertThat(memoryLeak.retainedBytes()).as("replacing the activation releases").isZero();
    timedGet();
    timedGet();
    assertThat(memoryLeak.retainedBytes()).isEqualTo(2L * (16 << 20));
    for (int level = 1; level <= 5; level++) {
      assertThat(memoryLeak.capBytes(level))
          .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 2);
    }
    api.disable("memory-leak");
    assertThat(memoryLeak.retainedBytes()).isZero();
    assertGoneAfterDisable("memory-leak");
  }

  @Test
  void gcPressureAllocatesRealGarbage() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    enable("gc-pressure", 1);
    long allocated = threads.getTotalThreadAllocatedBytes();
    timedGet();
    assertThat(threads.getTotalThreadAllocatedBytes() - allocated).isGreaterThan(4L << 20);
    enable("gc-pressure", 5);
    allocated = threads.getTotalThreadAllocatedBytes();
    timedGet();
    assertThat(threads.getTotalThreadAllocatedBytes() - allocated).isGreaterThan(128L << 20);
    assertGoneAfterDisable("gc-pressure");
  }

  @Test
  void slowQueryRunsItsJoinOnTheRealDatabase() {
    Long pairs =
        new JdbcTemplate(dataSource)
            .queryForObject(
                ProductDetailsLoader.SQL.replace("LIKE ?", "NOT LIKE ?"),
                Long.class,
                25,
                "%q%z%x%");
    assertThat(pairs).as("the join really pairs rows").isPositive();
    enable("slow-query", 1);
    double before = injections("slow-query");
    timedGet();
    enable("slow-query", 5);
    timedGet();
    assertThat(injections("slow-query") - before).isEqualTo(2.0);
    assertGoneAfterDisable("slow-query");
  }

  @Test
  void poolExhaustionHoldsRealHikariConnections() throws Exception {
    var hikari = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
    enable("pool-exhaustion", 1);
    CompletableFuture<Long> one = CompletableFuture.supplyAsync(this::timedGet);
    assertThat(awaitAtLeast(hikari::getActiveConnections, pool.cap(1))).isTrue();
    one.join();
    enable("pool-exhaustion", 5);
    assertThat(pool.cap(5)).isEqualTo(hikari.getTotalConnections() > 0 ? 10 : 10);
    CompletableFuture<Long> five = CompletableFuture.supplyAsync(this::timedGet);
    assertThat(awaitAtLeast(pool::held, 2)).isTrue();
    assertThat(hikari.getActiveConnections()).isGreaterThanOrEqualTo(2);
    api.disable("pool-exhaustion");
    assertThat(pool.held()).as("disable returns once the connections are back").isZero();
    five.join();
    assertGoneAfterDisable("pool-exhaustion");
  }

  @Test
  void threadStarvationMakesRequestsQueueOnASharedLock() throws Exception {
    enable("thread-starvation", 5);
    Activation a = engine.plan().get(ChaosType.of("thread-starvation"));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    List<CompletableFuture<Long>> calls =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(i -> CompletableFuture.supplyAsync(this::timedGet, pool))
            .toList();
    assertThat(awaitAtLeast(() -> starvation.waiting(a), 1)).isTrue();
    calls.forEach(CompletableFuture::join);
    pool.shutdown();
    enable("thread-starvation", 1);
    timedGet();
    assertThat(injections("thread-starvation")).isGreaterThanOrEqualTo(7);
    assertGoneAfterDisable("thread-starvation");
  }

  private static boolean awaitAtLeast(IntSupplier value, int min) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (value.getAsInt() >= min) {
        return true;
      }
      Thread.sleep(2);
    }
    return false;
  }
}
