package dev.perfshop.server.signals;

import dev.perfshop.server.system.RequestIdFilter;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Builds request traces from Micrometer observations (the server's {@code http.server.requests},
 * every SQL statement) and from the shop's own methods ({@link #open}): spans named as the
 * OpenTelemetry Java agent names them in the lab ({@code GET /api/products/{id}}, {@code
 * CatalogController.product}, {@code SELECT products}). Records only while someone watches.
 */
public class TraceRecorder implements ObservationHandler<Observation.Context> {

  private static final ThreadLocal<Open> CURRENT = new ThreadLocal<>();

  private final TraceStore store;
  private final Watchers watchers;

  TraceRecorder(TraceStore store, Watchers watchers) {
    this.store = store;
    this.watchers = watchers;
  }

  /** A page asked for traces: record for the next few minutes. */
  void look() {
    watchers.look();
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return watchers.watched()
        && (context instanceof ServerRequestObservationContext
            || SqlObservations.NAME.equals(context.getName()));
  }

  @Override
  public void onStart(Observation.Context context) {
    if (context instanceof ServerRequestObservationContext server) {
      HttpServletRequest request = server.getCarrier();
      if (!traced(request.getRequestURI())) {
        return;
      }
      Building trace = new Building(System.currentTimeMillis(), System.nanoTime());
      Open root = trace.open(null, request.getMethod() + " " + request.getRequestURI(), "server");
      context.put(Open.class, root);
      CURRENT.set(root);
    } else {
      Open parent = CURRENT.get();
      if (parent != null) {
        context.put(Open.class, parent.trace.open(parent, context.getContextualName(), "db"));
      }
    }
  }

  @Override
  public void onError(Observation.Context context) {
    Open span = context.get(Open.class);
    if (span != null && context.getError() != null) {
      span.error = context.getError().getClass().getSimpleName();
    }
  }

  @Override
  public void onStop(Observation.Context context) {
    Open span = context.get(Open.class);
    if (span == null) {
      return;
    }
    for (KeyValue kv : context.getHighCardinalityKeyValues()) {
      span.attributes.put(kv.getKey(), kv.getValue());
    }
    span.end();
    if (context instanceof ServerRequestObservationContext server && span.parent == null) {
      if (CURRENT.get() == span) {
        CURRENT.remove();
      }
      HttpServletRequest request = server.getCarrier();
      String pattern = server.getPathPattern();
      String route = request.getMethod() + " " + (pattern == null ? "(unmatched)" : pattern);
      span.name = route;
      int status = server.getResponse() == null ? 0 : server.getResponse().getStatus();
      span.attributes.put("http.response.status_code", Integer.toString(status));
      Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
      store.add(span.trace.finish(route, status, requestId == null ? null : requestId.toString()));
    }
  }

  /** Whether a request is being traced on this thread (one thread-local read). */
  boolean tracing() {
    return CURRENT.get() != null;
  }

  /**
   * Opens a span for a method of the shop as a child of the current one, or returns null when no
   * request is being traced on this thread. Close it with {@link #close}.
   */
  Open open(String name, String kind) {
    Open parent = CURRENT.get();
    if (parent == null) {
      return null;
    }
    Open span = parent.trace.open(parent, name, kind);
    CURRENT.set(span);
    return span;
  }

  void close(Open span, Throwable error) {
    if (error != null) {
      span.error = error.getClass().getSimpleName();
    }
    span.end();
    CURRENT.set(span.parent);
  }

  /** Shop traffic only: not the signals' own polling, the admin, the licence or the pages. */
  static boolean traced(String uri) {
    return uri.startsWith("/api/")
        && !uri.startsWith("/api/stats")
        && !uri.startsWith("/api/student/")
        && !uri.startsWith("/api/admin")
        && !uri.startsWith("/api/license");
  }

  /** A span being recorded. */
  static final class Open {
    final Building trace;
    final Open parent;
    final int id;
    String name;
    final String kind;
    final long startNanos;
    long endNanos = -1;
    String error;
    final Map<String, String> attributes = new LinkedHashMap<>();

    Open(Building trace, Open parent, int id, String name, String kind) {
      this.trace = trace;
      this.parent = parent;
      this.id = id;
      this.name = name;
      this.kind = kind;
      this.startNanos = System.nanoTime();
    }

    void end() {
      endNanos = System.nanoTime();
    }
  }

  /** The spans of one request while it runs (one thread writes, the request's own). */
  static final class Building {
    final long startMillis;
    final long startNanos;
    final List<Open> spans = new ArrayList<>();
    int dropped;

    Building(long startMillis, long startNanos) {
      this.startMillis = startMillis;
      this.startNanos = startNanos;
    }

    synchronized Open open(Open parent, String name, String kind) {
      Open span = new Open(this, parent, spans.size() + 1, name, kind);
      if (spans.size() < TraceStore.MAX_SPANS) {
        spans.add(span);
      } else {
        dropped++;
      }
      return span;
    }

    synchronized TraceStore.Trace finish(String route, int status, String requestId) {
      long end = System.nanoTime();
      List<TraceStore.Span> out = new ArrayList<>(spans.size());
      for (Open s : spans) {
        long stop = s.endNanos < 0 ? end : s.endNanos;
        out.add(
            new TraceStore.Span(
                s.id,
                s.parent == null ? 0 : s.parent.id,
                s.name,
                s.kind,
                millis(s.startNanos - startNanos),
                millis(stop - s.startNanos),
                Map.copyOf(s.attributes),
                s.error));
      }
      return new TraceStore.Trace(
          UUID.randomUUID().toString(),
          route,
          status,
          requestId,
          startMillis,
          out.isEmpty() ? 0 : out.getFirst().durationMillis(),
          out,
          dropped);
    }

    private static double millis(long nanos) {
      return Math.round(nanos / 10_000.0) / 100.0;
    }
  }
}
