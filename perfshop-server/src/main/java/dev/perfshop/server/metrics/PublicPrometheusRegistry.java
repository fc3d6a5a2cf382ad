package dev.perfshop.server.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Predicate;

/**
 * A read-only view of the application's Prometheus registry without the instructor-only meters:
 * what {@code /actuator/prometheus} serves. The snapshots are filtered after the scrape, so no
 * query parameter ({@code includedNames}) or format can bring them back.
 */
final class PublicPrometheusRegistry extends PrometheusRegistry {

  private final PrometheusRegistry all;

  PublicPrometheusRegistry(PrometheusRegistry all) {
    this.all = all;
  }

  @Override
  public MetricSnapshots scrape() {
    return withoutInstructorMeters(all.scrape());
  }

  @Override
  public MetricSnapshots scrape(PrometheusScrapeRequest request) {
    return withoutInstructorMeters(all.scrape(request));
  }

  @Override
  public MetricSnapshots scrape(Predicate<String> includedNames) {
    return withoutInstructorMeters(all.scrape(includedNames));
  }

  @Override
  public MetricSnapshots scrape(Predicate<String> includedNames, PrometheusScrapeRequest request) {
    return withoutInstructorMeters(all.scrape(includedNames, request));
  }

  @Override
  public void register(Collector collector) {
    throw new UnsupportedOperationException("a read-only view: register on the real registry");
  }

  @Override
  public void register(MultiCollector collector) {
    throw new UnsupportedOperationException("a read-only view: register on the real registry");
  }

  static MetricSnapshots withoutInstructorMeters(MetricSnapshots snapshots) {
    return new MetricSnapshots(
        snapshots.stream()
            .filter(s -> !InstructorMeters.instructorOnly(s.getMetadata().getPrometheusName()))
            .toList());
  }
}
