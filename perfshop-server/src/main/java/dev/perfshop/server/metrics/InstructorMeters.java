package dev.perfshop.server.metrics;

import java.util.List;

/**
 * The meters only the instructor may read: they name the chaos in force ({@code
 * perfshop_chaos_active{family,type,level}}) or the anomalies acting on requests ({@code
 * perfshop_chaos_injections_total{family,type}}). Students must find the anomaly from its symptoms,
 * so these never appear on the public scrape.
 */
public final class InstructorMeters {

  /** Prometheus name prefixes of the instructor-only meters. */
  static final List<String> PREFIXES = List.of("perfshop_chaos_");

  private InstructorMeters() {}

  /** Whether a Prometheus metric name (with or without its suffix) is instructor-only. */
  public static boolean instructorOnly(String prometheusName) {
    return PREFIXES.stream().anyMatch(prometheusName::startsWith);
  }
}
