package dev.perfshop.server.signals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The last {@link #PER_ROUTE} finished requests of each of at most {@link #ROUTES} routes, each a
 * tree of at most {@link #MAX_SPANS} spans (more are counted, not kept).
 */
public class TraceStore {

  public static final int ROUTES = 64;
  public static final int PER_ROUTE = 20;
  public static final int MAX_SPANS = 300;

  private final Map<String, Deque<Trace>> byRoute =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Trace>> eldest) {
          return size() > ROUTES;
        }
      };

  synchronized void add(Trace trace) {
    Deque<Trace> traces = byRoute.computeIfAbsent(trace.route(), r -> new ArrayDeque<>());
    traces.addLast(trace);
    while (traces.size() > PER_ROUTE) {
      traces.removeFirst();
    }
  }

  /** Every route with its kept requests: how many, the slowest and the latest duration. */
  public synchronized List<RouteTraces> routes() {
    List<RouteTraces> out = new ArrayList<>();
    byRoute.forEach(
        (route, traces) ->
            out.add(
                new RouteTraces(
                    route,
                    traces.size(),
                    traces.stream().mapToDouble(Trace::durationMillis).max().orElse(0),
                    traces.getLast().durationMillis(),
                    traces.getLast().start())));
    out.sort(Comparator.comparingDouble(RouteTraces::slowestMillis).reversed());
    return out;
  }

  /** The kept requests of {@code route}, slowest first. */
  public synchronized List<Trace> traces(String route) {
    Deque<Trace> traces = byRoute.get(route);
    if (traces == null) {
      return List.of();
    }
    List<Trace> out = new ArrayList<>(traces);
    out.sort(Comparator.comparingDouble(Trace::durationMillis).reversed());
    return out;
  }

  public synchronized void clear() {
    byRoute.clear();
  }

  public record RouteTraces(
      String route, int count, double slowestMillis, double latestMillis, long latestStart) {}

  /** One request: {@code start} in epoch milliseconds; spans in start order, the first the root. */
  public record Trace(
      String traceId,
      String route,
      int status,
      @Nullable String requestId,
      long start,
      double durationMillis,
      List<Span> spans,
      int droppedSpans) {}

  /**
   * One span: its offset from the request's start and its duration, in milliseconds; {@code kind}
   * is {@code server}, {@code internal}, {@code client} (a call to another system) or {@code db}.
   */
  public record Span(
      int id,
      int parentId,
      String name,
      String kind,
      double offsetMillis,
      double durationMillis,
      Map<String, String> attributes,
      @Nullable String error) {}
}
