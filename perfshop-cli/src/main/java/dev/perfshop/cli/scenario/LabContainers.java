package dev.perfshop.cli.scenario;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.lab.ContainerChaos;
import dev.perfshop.cli.lab.Lab;
import dev.perfshop.cli.lab.Workspace;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The runner's container anomalies: {@link ContainerChaos} on the Docker lab's workspace, exactly
 * what {@code perfshop chaos enable container-kill --service db} does. What a scenario breaks is
 * therefore recorded in the workspace like any container anomaly: {@code chaos status} and {@code
 * lab status} show it, {@code chaos halt} heals it even if the runner died. One Docker connection
 * per step (steps are seconds apart).
 */
public final class LabContainers {

  private final Supplier<Optional<Workspace>> workspace;
  private final Supplier<Lab> labs;
  private final Clock clock;

  /**
   * @param workspace the Docker lab's workspace, looked up at each step (empty: no Docker lab, the
   *     step is skipped)
   * @param labs a connection to Docker, closed after each step
   */
  public LabContainers(Supplier<Optional<Workspace>> workspace, Supplier<Lab> labs, Clock clock) {
    this.workspace = workspace;
    this.labs = labs;
    this.clock = clock;
  }

  private String actor = "cli";
  private String scenarioId;

  /** Who acts, for the lab's audit log: the CLI's actor and the scenario being run. */
  public LabContainers by(String actor, String scenarioId) {
    this.actor = actor;
    this.scenarioId = scenarioId;
    return this;
  }

  /** Acts on the service's containers; returns how many. */
  public int enable(String type, String service, int level) {
    ContainerChaos.Type t = type(type);
    return with(chaos -> chaos.enable(t, service, level));
  }

  /** Heals the anomaly on the service (null: on every service); returns the services healed. */
  public List<String> disable(String type, String service) {
    ContainerChaos.Type t = type(type);
    return with(chaos -> chaos.disable(t, service));
  }

  private <T> T with(Function<ContainerChaos, T> body) {
    Workspace ws =
        workspace
            .get()
            .orElseThrow(
                () ->
                    new LabPort.NotAvailable(
                        "no Docker lab found from this folder (perfshop lab up, or --lab NAME):"
                            + " container step skipped"));
    Lab lab = labs.get();
    try {
      return body.apply(new ContainerChaos(lab, ws, clock).by(actor, scenarioId));
    } catch (CliException e) {
      if (e.hints().isEmpty()) {
        throw e;
      }
      // The journal keeps one line per step: the hint (e.g. the lab's services) goes on it.
      throw new CliException(
          e.exitCode(), e.getMessage() + " (" + String.join("; ", e.hints()) + ")", e);
    } finally {
      lab.close();
    }
  }

  private static ContainerChaos.Type type(String type) {
    return ContainerChaos.Type.of(type)
        .orElseThrow(() -> new IllegalArgumentException("not a container anomaly: " + type));
  }
}
