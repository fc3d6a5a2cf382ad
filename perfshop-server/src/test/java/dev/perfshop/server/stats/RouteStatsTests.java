package dev.perfshop.server.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfshop.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouteStatsTests {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final RouteStats stats = new RouteStats(clock);

  @Test
  void percentilesCountsAndErrorRatesPerRoute() {
    for (int ms = 1; ms <= 100; ms++) {
      stats.record("GET /api/products", Duration.ofMillis(ms).toNanos(), ms % 10 == 0 ? 500 : 200);
    }
    stats.record("GET /api/categories", Duration.ofMillis(3).toNanos(), 404);

    var summary = stats.summary(60);
    assertThat(summary)
        .extracting(RouteStats.RouteSummary::route)
        .containsExactly("GET /api/categories", "GET /api/products");
    var products = summary.get(1);
    assertThat(products.count()).isEqualTo(100);
    assertThat(products.errorRate()).isEqualTo(0.10);
    assertThat(products.p50()).isCloseTo(50, within(1.0));
    assertThat(products.p95()).isCloseTo(95, within(1.0));
    assertThat(products.p99()).isCloseTo(99, within(1.0));
    assertThat(products.throughput()).isCloseTo(100 / 60.0, within(0.01));
    assertThat(summary.get(0).clientErrorRate()).isEqualTo(1.0);
  }

  @Test
  void oldSlotsLeaveTheWindow() {
    stats.record("GET /api/products", Duration.ofMillis(500).toNanos(), 200);
    clock.advance(Duration.ofSeconds(30));
    stats.record("GET /api/products", Duration.ofMillis(5).toNanos(), 200);

    assertThat(stats.summary(10).getFirst().count()).isEqualTo(1);
    assertThat(stats.summary(10).getFirst().max()).isLessThan(10);
    assertThat(stats.summary(60).getFirst().count()).isEqualTo(2);
  }

  @Test
  void aSlotReusedAfterTheRingWrapsStartsEmpty() {
    stats.record("GET /api/products", Duration.ofMillis(5).toNanos(), 200);
    clock.advance(Duration.ofSeconds(RouteStats.SLOT_SECONDS * RouteStats.SLOTS));
    stats.record("GET /api/products", Duration.ofMillis(5).toNanos(), 200);
    assertThat(stats.summary(300).getFirst().count()).isEqualTo(1);
  }

  @Test
  void seriesHasOnePointPerActiveSlotOldestFirst() {
    stats.record("GET /api/products", Duration.ofMillis(10).toNanos(), 200);
    clock.advance(Duration.ofSeconds(RouteStats.SLOT_SECONDS));
    stats.record("GET /api/products", Duration.ofMillis(20).toNanos(), 503);
    var points = stats.series(60);
    assertThat(points).hasSize(2);
    assertThat(points.get(0).t()).isLessThan(points.get(1).t());
    assertThat(points.get(1).errors()).isEqualTo(1);
  }
}
