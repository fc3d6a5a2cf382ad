package dev.perfshop.server.signals;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The student's signals, public like {@code /api/stats/**}: what anyone in the classroom could read
 * from the server's own instruments. Nothing here names active chaos.
 */
@ConditionalOnSignals
@RestController
class SignalsController {

  static final int MIN_WINDOW = 60;
  static final int MAX_WINDOW = MetricsHistory.STEP_SECONDS * MetricsHistory.CAPACITY;

  static final int MAX_LINES = 500;
  static final int MAX_TEXT = 200;

  private final MetricsHistory metrics;
  private final LogTail logs;
  private final TraceStore traces;
  private final TraceRecorder recorder;
  private final Profiler profiler;
  private final Dumps dumps = new Dumps();

  SignalsController(
      MetricsHistory metrics,
      LogTail logs,
      TraceStore traces,
      TraceRecorder recorder,
      Profiler profiler) {
    this.metrics = metrics;
    this.logs = logs;
    this.traces = traces;
    this.recorder = recorder;
    this.profiler = profiler;
  }

  /** Every thread's state, lock and stack (cached for two seconds). */
  @GetMapping(path = "/api/stats/signals/threads", produces = MediaType.APPLICATION_JSON_VALUE)
  Dumps.ThreadDump threads() {
    return dumps.threads();
  }

  /** The classes with the most live bytes, after a full collection (cached for 15 seconds). */
  @GetMapping(path = "/api/stats/signals/heap", produces = MediaType.APPLICATION_JSON_VALUE)
  Dumps.HeapHistogram heap() {
    return dumps.heap();
  }

  /**
   * The CPU ({@code kind=cpu}) or allocation ({@code kind=alloc}) profile of the last minute. The
   * first call starts the recording; it stops a minute after the last call.
   */
  @GetMapping(path = "/api/stats/signals/profile", produces = MediaType.APPLICATION_JSON_VALUE)
  Profiler.Snapshot profile(@RequestParam(name = "kind", defaultValue = "cpu") String kind) {
    Profiler.Kind k =
        switch (kind) {
          case "cpu" -> Profiler.Kind.CPU;
          case "alloc" -> Profiler.Kind.ALLOC;
          default -> throw new ApiException(ProblemType.VALIDATION, "kind must be cpu or alloc");
        };
    return profiler.snapshot(k);
  }

  /**
   * The routes with recent requests (slowest first) and the kept requests of {@code route} (by
   * default the route of the slowest), slowest first. Asking starts recording for five minutes.
   */
  @GetMapping(path = "/api/stats/signals/traces", produces = MediaType.APPLICATION_JSON_VALUE)
  Traces traces(@RequestParam(name = "route", required = false) String route) {
    recorder.look();
    List<TraceStore.RouteTraces> routes = traces.routes();
    String chosen =
        route != null && !route.isBlank()
            ? route
            : routes.isEmpty() ? null : routes.getFirst().route();
    return new Traces(
        TraceStore.PER_ROUTE, routes, chosen, chosen == null ? List.of() : traces.traces(chosen));
  }

  record Traces(
      int perRoute,
      List<TraceStore.RouteTraces> routes,
      @Nullable String route,
      List<TraceStore.Trace> traces) {}

  @GetMapping(path = "/api/stats/signals/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
  Metrics metrics(@RequestParam(name = "window", defaultValue = "300") int window) {
    if (window < MIN_WINDOW || window > MAX_WINDOW) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "window must be between " + MIN_WINDOW + " and " + MAX_WINDOW + " seconds");
    }
    return new Metrics(
        window, MetricsHistory.STEP_SECONDS, metrics.oldest(), metrics.since(window));
  }

  /**
   * Log lines newer than {@code after} (a sequence number from an earlier answer's {@code last}),
   * at or above {@code level}, containing {@code q}; the newest {@code limit}, oldest first.
   */
  @GetMapping(path = "/api/stats/signals/logs", produces = MediaType.APPLICATION_JSON_VALUE)
  Logs logs(
      @RequestParam(name = "after", defaultValue = "0") long after,
      @RequestParam(name = "level", defaultValue = "INFO") String level,
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "limit", defaultValue = "200") int limit) {
    if (!LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
      throw new ApiException(ProblemType.VALIDATION, "level must be one of " + LEVELS);
    }
    if (limit < 1 || limit > MAX_LINES) {
      throw new ApiException(ProblemType.VALIDATION, "limit must be between 1 and " + MAX_LINES);
    }
    if (q != null && q.length() > MAX_TEXT) {
      throw new ApiException(
          ProblemType.VALIDATION, "q must be at most " + MAX_TEXT + " characters");
    }
    if (after < 0) {
      throw new ApiException(ProblemType.VALIDATION, "after must not be negative");
    }
    return new Logs(logs.last(), LogTail.CAPACITY, logs.read(after, level, q, limit));
  }

  static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  /** {@code last}: the newest line's sequence number, to ask only for newer lines next time. */
  record Logs(long last, int capacity, List<LogTail.LogLine> lines) {}

  /** {@code oldest}: epoch second of the oldest sample the server still has (-1: none yet). */
  record Metrics(int windowSeconds, int stepSeconds, long oldest, List<MetricSample> samples) {}
}
