package dev.perfshop.cli.traffic;

import java.util.List;

/**
 * What synthetic shoppers saw. Latencies in milliseconds, measured from each request's intended
 * start (so a stalled server is not hidden by fewer requests: no coordinated omission).
 */
public record TrafficReport(
    double seconds,
    long journeys,
    long requests,
    long errors,
    double throughput,
    List<RouteReport> routes,
    List<String> notes) {

  /** Per route template, e.g. {@code GET /api/products/{id}}. */
  public record RouteReport(
      String route,
      long count,
      long errors,
      double throughput,
      double p50,
      double p95,
      double p99,
      double max) {}
}
