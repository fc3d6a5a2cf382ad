package dev.perfshop.cli.scenario;

import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the scenario runner needs from a lab: the server's chaos, stats and classroom APIs, and the
 * Docker lab's containers for container anomalies.
 */
public interface LabPort {

  void enableChaos(
      String type,
      int level,
      Double probability,
      List<String> routes,
      Duration ttl,
      String scenarioId);

  void disableChaos(String type);

  void halt();

  /**
   * Acts on the Docker lab's containers: a container anomaly ({@code container-kill}, {@code
   * container-pause}, {@code container-restart}) on a compose service or alias ({@code db}, {@code
   * server}, {@code web}). Nothing expires it: the runner heals it.
   *
   * @throws NotAvailable when there is no Docker lab to act on
   */
  void enableContainer(String type, String service, int level);

  /**
   * Heals a container anomaly: a killed service is started again, a paused one unpaused. With
   * {@code service} null, every service with that anomaly.
   *
   * @throws NotAvailable when there is no Docker lab to act on
   */
  void disableContainer(String type, String service);

  /** Live statistics of one route over a window, or null when the route saw no traffic. */
  RouteStat routeStat(String route, Duration window);

  /** Whether PromQL expectations can be checked (a Prometheus URL was given). */
  boolean hasPrometheus();

  /** The largest value of a PromQL query's result, or empty while it has no data. */
  OptionalDouble promql(String query);

  /**
   * Registers and opens an enigma for the class; {@code bindings} are the values chosen at start.
   */
  void openEnigma(
      String scenarioId,
      Scenario.Enigma enigma,
      List<String> anomalies,
      Map<String, String> bindings);

  void closeEnigma(String scenarioId, String enigmaId);

  void releaseHint(String scenarioId, String enigmaId);

  /**
   * A step this lab cannot carry out (e.g. enigmas without a class session): recorded as skipped.
   */
  final class NotAvailable extends RuntimeException {
    public NotAvailable(String message) {
      super(message);
    }
  }

  /** Live numbers of one route. Latencies in milliseconds, rates as fractions, throughput per s. */
  record RouteStat(
      String route,
      long count,
      double throughput,
      double errorRate,
      double p50,
      double p95,
      double p99) {}
}
