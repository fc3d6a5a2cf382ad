package dev.perfshop.server.chaos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.EnumMap;
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
  private final Map<ChaosType, Counter> injections = new EnumMap<>(ChaosType.class);

  ChaosMeters(MeterRegistry registry) {
    this.active =
        MultiGauge.builder(ACTIVE)
            .description("Chaos activations in force (1 per active type, tagged with its level)")
            .register(registry);
    for (ChaosType type : ChaosType.values()) {
      injections.put(
          type,
          Counter.builder(INJECTIONS)
              .description("Requests a chaos anomaly acted on")
              .tag("family", type.family().id())
              .tag("type", type.id())
              .register(registry));
    }
  }

  void injected(ChaosType type) {
    injections.get(type).increment();
  }

  /** Publishes the live activations of a plan; rows of ended activations disappear. */
  void publish(ChaosPlan plan, Instant now) {
    active.register(
        plan.live(now).stream()
            .map(
                a ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "family",
                            a.type().family().id(),
                            "type",
                            a.type().id(),
                            "level",
                            Integer.toString(a.level())),
                        1))
            .toList(),
        true);
  }
}
