package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Scenario;
import java.util.List;

/**
 * An enigma as an instructor or a scenario registers it. Its key in the session is {@code
 * scenarioId.id} when it comes from a scenario ({@code slow-catalog.which-route}), else {@code id}.
 * Registering a key again replaces the question, answer check and hints and keeps progress.
 *
 * @param stars what a first-try solve without hints earns, 1–3 (default 3)
 * @param open whether students see it at once (default true)
 * @param anomalies chaos type ids of which one must be live for an answer to be checked (empty: no
 *     condition); a scenario gives the anomaly that makes the enigma observable ({@link
 *     Scenario#anomaliesOf})
 */
public record EnigmaSpec(
    String scenarioId,
    String id,
    String question,
    AnswerSpec answer,
    List<String> hints,
    Integer stars,
    Boolean open,
    List<String> anomalies) {

  public EnigmaSpec {
    hints = hints == null ? List.of() : List.copyOf(hints);
    anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
  }

  public String key() {
    return scenarioId == null || scenarioId.isBlank() ? id : scenarioId + "." + id;
  }

  public static EnigmaSpec from(Scenario scenario, Scenario.Enigma e, boolean open) {
    return new EnigmaSpec(
        scenario.id(),
        e.id(),
        e.question(),
        AnswerSpec.from(e.answer()),
        e.hints(),
        e.stars(),
        open,
        scenario.anomaliesOf(e.id()));
  }
}
