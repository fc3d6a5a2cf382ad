package dev.perfshop.cli.scenario;

import dev.perfshop.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A lab for unit tests of the runner's logic: records calls, answers stats it is told. */
final class FakeLab implements LabPort {

  final List<String> calls = new CopyOnWriteArrayList<>();
  final CountDownLatch firstEnable = new CountDownLatch(1);
  final CountDownLatch firstContainer = new CountDownLatch(1);
  volatile RouteStat stat;
  volatile Duration lastTtl;
  volatile List<String> lastRoutes;
  volatile boolean noDockerLab;

  @Override
  public void enableChaos(
      String type, int level, Double probability, List<String> routes, Duration ttl, String id) {
    calls.add("enable " + type + " " + level);
    lastTtl = ttl;
    lastRoutes = routes;
    firstEnable.countDown();
  }

  @Override
  public void disableChaos(String type) {
    calls.add("disable " + type);
  }

  @Override
  public void halt() {
    calls.add("halt");
  }

  @Override
  public void enableContainer(String type, String service, int level) {
    if (noDockerLab) {
      throw new NotAvailable("no Docker lab");
    }
    calls.add("enable " + type + " " + service + " " + level);
    firstContainer.countDown();
  }

  @Override
  public void disableContainer(String type, String service) {
    if (noDockerLab) {
      throw new NotAvailable("no Docker lab");
    }
    calls.add("heal " + type + (service == null ? "" : " " + service));
  }

  @Override
  public RouteStat routeStat(String route, Duration window) {
    return stat;
  }

  @Override
  public boolean hasPrometheus() {
    return false;
  }

  @Override
  public OptionalDouble promql(String query) {
    // as the HTTP lab did without a base URL: the query cannot be addressed
    throw new IllegalArgumentException("URI with undefined scheme");
  }

  @Override
  public void openEnigma(
      String scenarioId, Scenario.Enigma enigma, List<String> anomalies, Map<String, String> b) {
    calls.add("open " + enigma.id() + (anomalies.isEmpty() ? "" : " " + anomalies));
  }

  @Override
  public void closeEnigma(String scenarioId, String enigmaId) {
    calls.add("close " + enigmaId);
  }

  @Override
  public void releaseHint(String scenarioId, String enigmaId) {
    calls.add("hint " + enigmaId);
  }
}
