package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.pedagogy.Views.Detection;
import dev.perfshop.server.pedagogy.Views.SignalChart;
import dev.perfshop.server.pedagogy.Views.SignalPoint;
import dev.perfshop.server.pedagogy.Views.Spread;
import dev.perfshop.server.signals.MetricsHistory;
import dev.perfshop.server.stats.RouteStats;
import dev.perfshop.server.support.MutableClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The debrief's key signal around an anomaly: real route statistics and a real JVM history fed by a
 * clock moved by hand, the keeper collecting every minute as its schedule does.
 */
class DebriefSignalsTests {

  static final String SLOW = "GET /api/products/{id}";
  static final String OTHER = "GET /api/categories";

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  final RouteStats stats = new RouteStats(clock);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AtomicLong heap = new AtomicLong(200L << 20);
  final MetricsHistory history = new MetricsHistory(registry, clock);
  final DebriefSignals signals =
      new DebriefSignals(
          stats,
          new StaticListableBeanFactory(Map.of("history", history))
              .getBeanProvider(MetricsHistory.class),
          clock);

  DebriefSignalsTests() {
    Gauge.builder("jvm.memory.used", heap, AtomicLong::get)
        .tag("area", "heap")
        .tag("id", "G1 Old Gen")
        .register(registry);
  }

  /**
   * Runs the shop for {@code duration}: 10 requests per 5 s on each route; collects each minute.
   */
  void play(Duration duration, long slowMillis, int failures, long heapStepBytes) {
    for (long s = 0; s < duration.toSeconds(); s += 5) {
      for (int i = 0; i < 10; i++) {
        stats.record(SLOW, slowMillis * 1_000_000, i < failures ? 500 : 200);
        stats.record(OTHER, 5_000_000, 200);
      }
      heap.addAndGet(heapStepBytes);
      history.sample();
      clock.advance(Duration.ofSeconds(5));
      if (clock.instant().getEpochSecond() % 60 == 0) {
        signals.collect();
      }
    }
  }

  static Detection anomaly(String type, Instant start, Instant end) {
    return new Detection(
        type,
        "slow-catalog",
        start,
        end,
        List.of(),
        List.of(),
        new Spread(0, 0, null, null, null, null, null));
  }

  @Test
  void theSlowRoutesP95AroundALatencyAnomalyOlderThanTheLiveStatistics() {
    play(Duration.ofMinutes(3), 10, 0, 0);
    Instant start = clock.instant();
    play(Duration.ofMinutes(5), 400, 0, 0);
    Instant end = clock.instant();
    play(Duration.ofMinutes(4), 10, 0, 0);

    SignalChart c = signals.charts(List.of(anomaly("latency", start, end))).getFirst();

    // the start is 9 minutes ago: the live statistics (5 minutes) no longer have it
    assertThat(stats.series(300)).allMatch(p -> p.t() >= end.getEpochSecond() - 60);
    assertThat(c.signal()).isEqualTo("p95");
    assertThat(c.route()).isEqualTo(SLOW);
    assertThat(c.unit()).isEqualTo("ms");
    assertThat(c.stepSeconds()).isEqualTo(5);
    assertThat(c.from()).isBeforeOrEqualTo(start.minusSeconds(60));
    assertThat(c.to()).isAfterOrEqualTo(end.plusSeconds(60));
    List<SignalPoint> before = between(c, c.from(), start);
    List<SignalPoint> during = between(c, start, end);
    List<SignalPoint> after = between(c, end, c.to());
    assertThat(before).hasSizeGreaterThanOrEqualTo(12).allMatch(p -> p.value() < 20);
    assertThat(during).hasSizeGreaterThanOrEqualTo(59).allMatch(p -> p.value() > 350);
    assertThat(after).hasSizeGreaterThanOrEqualTo(12).allMatch(p -> p.value() < 20);
    assertThat(c.before()).isLessThan(20);
    assertThat(c.during()).isGreaterThan(350);
  }

  @Test
  void theFailingRoutesErrorShareForAnErrorAnomaly() {
    play(Duration.ofMinutes(2), 10, 0, 0);
    Instant start = clock.instant();
    play(Duration.ofMinutes(2), 10, 3, 0);
    Instant end = clock.instant();
    play(Duration.ofMinutes(2), 10, 0, 0);

    SignalChart c = signals.charts(List.of(anomaly("error-rate", start, end))).getFirst();

    assertThat(c.signal()).isEqualTo("error-share");
    assertThat(c.route()).isEqualTo(SLOW);
    assertThat(c.unit()).isEqualTo("%");
    assertThat(between(c, c.from(), start)).isNotEmpty().allMatch(p -> p.value() == 0);
    assertThat(between(c, start, end)).isNotEmpty().allMatch(p -> p.value() == 30);
    assertThat(c.during()).isEqualTo(30);
  }

  @Test
  void theHeapForAMemoryLeak() {
    play(Duration.ofMinutes(2), 10, 0, 0);
    Instant start = clock.instant();
    play(Duration.ofMinutes(3), 10, 0, 1L << 20);
    Instant end = clock.instant();
    play(Duration.ofMinutes(1), 10, 0, 0);

    SignalChart c = signals.charts(List.of(anomaly("memory-leak", start, end))).getFirst();

    assertThat(c.signal()).isEqualTo("heap");
    assertThat(c.unit()).isEqualTo("MB");
    assertThat(c.before()).isEqualTo(200);
    assertThat(between(c, end, c.to())).isNotEmpty().allMatch(p -> p.value() >= 235);
  }

  @Test
  void aLongAnomalyIsBoundedToAHundredAndTwentyPointsInWiderSteps() {
    play(Duration.ofMinutes(2), 10, 0, 0);
    Instant start = clock.instant();
    play(Duration.ofMinutes(80), 400, 0, 0);

    SignalChart c = signals.charts(List.of(anomaly("latency", start, null))).getFirst();

    assertThat(c.endedAt()).isNull();
    assertThat(c.points())
        .hasSizeLessThanOrEqualTo(DebriefSignals.MAX_POINTS)
        .hasSizeGreaterThan(90);
    assertThat(c.stepSeconds()).isGreaterThan(5);
    assertThat(c.during()).isGreaterThan(350);
  }

  @Test
  void noDataKeptSaysSo() {
    Instant start = clock.instant().minus(Duration.ofHours(5));
    SignalChart c =
        signals.charts(List.of(anomaly("latency", start, start.plusSeconds(600)))).getFirst();

    assertThat(c.points()).isEmpty();
    assertThat(SignalDrawing.markdown(List.of(c))).contains("No data kept for this window");
  }

  @Test
  void theDocumentsDrawIt() {
    play(Duration.ofMinutes(2), 10, 0, 0);
    Instant start = clock.instant();
    play(Duration.ofMinutes(3), 400, 0, 0);
    Instant end = clock.instant();
    play(Duration.ofMinutes(2), 10, 0, 0);
    List<SignalChart> charts = signals.charts(List.of(anomaly("latency", start, end)));

    String html = SignalDrawing.html(charts);
    assertThat(html)
        .contains("<svg class=\"signal\"", "<polyline", "anomaly on", "p95 latency of " + SLOW);
    String md = SignalDrawing.markdown(charts);
    String sparkline = md.lines().filter(l -> l.contains("█")).findFirst().orElseThrow();
    String marks = md.lines().filter(l -> l.contains("━")).findFirst().orElseThrow();
    // low bars before, full bars while on, low after; the marks line sits under the full bars
    assertThat(sparkline.strip()).startsWith("▁").endsWith("▁");
    assertThat(sparkline.indexOf('█')).isEqualTo(marks.indexOf('━'));
    assertThat(marks.lastIndexOf('━')).isEqualTo(sparkline.lastIndexOf('█'));
    assertThat(md).containsPattern("Mean before: 10(\\.\\d)? ms; while on: 4\\d\\d ms");
  }

  static List<SignalPoint> between(SignalChart c, Instant from, Instant to) {
    return c.points().stream()
        .filter(
            p -> p.t() >= from.getEpochSecond() && p.t() + c.stepSeconds() <= to.getEpochSecond())
        .toList();
  }
}
