package dev.perfshop.server.chaos;

import dev.perfshop.server.system.policy.PolicyBoard;
import dev.perfshop.server.system.policy.PolicyPlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The chaos meters, named once: {@code perfshop.chaos.active{family,type,level}} (1 per live
 * activation) and {@code perfshop.chaos.injections{family,type}} (requests an anomaly acted on).
 */
@Component
class ChaosMeters {

  static final String ACTIVE = "perfshop.chaos.active";
  static final String INJECTIONS = "perfshop.chaos.injections";

  private final MultiGauge active;
  private final Counter[] injections = new Counter[ChaosType.values().size()];

  ChaosMeters(MeterRegistry registry, PolicyBoard board) {
    this.active =
        MultiGauge.builder(ACTIVE)
            .description("Chaos activations in force (1 per active type, tagged with its level)")
            .register(registry);
    for (ChaosType type : ChaosType.values()) {
      injections[type.index()] =
          Counter.builder(INJECTIONS)
              .description("Requests a chaos anomaly acted on")
              .tag("family", type.family())
              .tag("type", type.id())
              .register(registry);
    }
    Map<ChaosType, Counter> byType = new IdentityHashMap<>();
    for (ChaosType type : ChaosType.values()) {
      byType.put(type, injections[type.index()]);
    }
    board.count(byType);
  }

  void injected(ChaosType type) {
    injections[type.index()].increment();
  }

  /** Publishes the live activations of a plan; rows of ended activations disappear. */
  void publish(PolicyPlan plan, Instant now) {
    active.register(
        plan.live(now).stream()
            .map(
                a ->
                    Tags.of(
                        "family",
                        a.type().family(),
                        "type",
                        a.type().id(),
                        "level",
                        Integer.toString(a.level())))
            .distinct() // two class sessions may run the same type at the same level: one row
            .map(tags -> MultiGauge.Row.of(tags, 1))
            .toList(),
        true);
  }
}
