package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
public class RequestPolicyInterceptor implements HandlerInterceptor {

  static final int ORDER = 30;

  /** The family whose checks (tokens a script must send) run before any other anomaly. */
  private static final String SCRIPTING = "scripting";

  private final PolicyBoard board;
  private final Map<ChaosType, RequestPolicy> policies = new IdentityHashMap<>();
  private final PolicyDecider decider;
  private final Clock clock;
  private volatile boolean ready;

  public RequestPolicyInterceptor(
      PolicyBoard board, PolicyDecider decider, List<RequestPolicy> policies, Clock clock) {
    this.board = board;
    policies.forEach(p -> this.policies.put(p.type(), p));
    this.decider = decider;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void ready() {
    ready = true;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!ready || request.getDispatcherType() != DispatcherType.REQUEST) {
      return true;
    }
    PolicyPlan plan = board.plan();
    if (plan.isEmpty()) {
      return true;
    }
    Activation[] hits = decider.decide(plan, clock.instant(), request);
    if (hits.length == 0) {
      return true;
    }
    new PolicyContext(hits).bind(request);
    // The context is unbound by RequestPolicyFilter once the response is complete (also on
    // exceptions).
    for (Activation a : hits) {
      if (SCRIPTING.equals(a.family())) {
        act(a, request, response);
      }
    }
    for (Activation a : hits) {
      if (!SCRIPTING.equals(a.family())) {
        act(a, request, response);
      }
    }
    return true;
  }

  private void act(Activation a, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    board.acted(a.type());
    RequestPolicy policy = policies.get(a.type());
    if (policy != null) {
      policy.apply(a, request, response);
    }
  }
}
