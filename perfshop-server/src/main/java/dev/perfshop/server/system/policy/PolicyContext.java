package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.Port;
import jakarta.servlet.http.HttpServletRequest;
import java.util.StringJoiner;
import org.slf4j.MDC;

/**
 * The anomalies acting on the current request (its "hits"), decided once by the interceptor. Code
 * deeper in the request (catalogue, data source, clock, response advice) asks {@link #hit} whether
 * its type fires. While a request has hits, its log lines carry {@code chaos_family}, {@code
 * chaos_level} and {@code scenario_id}.
 */
@Port
public final class PolicyContext {

  public static final String MDC_FAMILY = "chaos_family";
  public static final String MDC_LEVEL = "chaos_level";
  public static final String MDC_SCENARIO = "scenario_id";

  static final String ATTRIBUTE = PolicyContext.class.getName();
  private static final ThreadLocal<PolicyContext> CURRENT = new ThreadLocal<>();

  private final Activation[] hits;

  public PolicyContext(Activation[] hits) {
    this.hits = hits;
  }

  /** The live activation of this type acting on the current request, or null. */
  public static Activation hit(ChaosType type) {
    PolicyContext context = CURRENT.get();
    return context == null ? null : context.find(type);
  }

  static PolicyContext of(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof PolicyContext c ? c : null;
  }

  Activation find(ChaosType type) {
    for (Activation a : hits) {
      if (a.type() == type) {
        return a;
      }
    }
    return null;
  }

  Activation[] hits() {
    return hits;
  }

  public void bind(HttpServletRequest request) {
    request.setAttribute(ATTRIBUTE, this);
    CURRENT.set(this);
    putMdc(hits);
  }

  public static void unbind() {
    if (CURRENT.get() != null) {
      CURRENT.remove();
      clearMdc();
    }
  }

  /** Puts the structured chaos fields of these activations on the log lines of this thread. */
  public static void putMdc(Activation... activations) {
    StringJoiner families = new StringJoiner(",");
    StringJoiner levels = new StringJoiner(",");
    String scenario = null;
    for (Activation a : activations) {
      families.add(a.family());
      levels.add(Integer.toString(a.level()));
      if (scenario == null) {
        scenario = a.scenarioId();
      }
    }
    MDC.put(MDC_FAMILY, families.toString());
    MDC.put(MDC_LEVEL, levels.toString());
    MDC.put(MDC_SCENARIO, scenario == null ? "" : scenario);
  }

  public static void clearMdc() {
    MDC.remove(MDC_FAMILY);
    MDC.remove(MDC_LEVEL);
    MDC.remove(MDC_SCENARIO);
  }
}
