package dev.perfshop.server.chaos;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Injects the active anomalies into API requests (order 30, after the licence gate and the admin
 * token). It reads the plan once at request start, so a request that starts after a disable or a
 * halt returned sees the new plan and is never affected. Nothing is injected before the application
 * is ready. Scripting checks run first, then the other anomalies.
 */
@Component
class ChaosInterceptor implements HandlerInterceptor {

  static final int ORDER = 30;

  /** The family whose checks (tokens a script must send) run before any other anomaly. */
  private static final String SCRIPTING = "scripting";

  private final ChaosEngine engine;
  private final ChaosDecider decider;
  private final ChaosMeters meters;
  private final Clock clock;
  private volatile boolean ready;

  ChaosInterceptor(ChaosEngine engine, ChaosDecider decider, ChaosMeters meters, Clock clock) {
    this.engine = engine;
    this.decider = decider;
    this.meters = meters;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    ready = true;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!ready || request.getDispatcherType() != DispatcherType.REQUEST) {
      return true;
    }
    ChaosPlan plan = engine.plan();
    if (plan.isEmpty()) {
      return true;
    }
    Activation[] hits = decider.decide(plan, clock.instant(), request);
    if (hits.length == 0) {
      return true;
    }
    new ChaosContext(hits).bind(request);
    // The context is unbound by ChaosFilter once the response is complete (also on exceptions).
    for (Activation a : hits) {
      if (SCRIPTING.equals(a.type().family())) {
        act(a, request, response);
      }
    }
    for (Activation a : hits) {
      if (!SCRIPTING.equals(a.type().family())) {
        act(a, request, response);
      }
    }
    return true;
  }

  private void act(Activation a, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    meters.injected(a.type());
    Assault assault = engine.assault(a.type());
    if (assault != null) {
      assault.attack(a, request, response);
    }
  }
}
