package dev.perfshop.server.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces Spring Boot's {@code prometheus} actuator endpoint (its auto-configuration backs off
 * when this bean exists) with one that serves the public view of the registry.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfig {

  /**
   * Requests to the admin API are not timed: their {@code uri} tags ({@code
   * /api/admin/chaos/{type}}, {@code /api/admin/chaos/halt}) would tell students when the
   * instructor switches chaos on or off.
   */
  @Bean
  MeterFilter noAdminRequestMeters() {
    return MeterFilter.deny(
        id ->
            id.getName().startsWith("http.server.requests")
                && id.getTag("uri") != null
                && id.getTag("uri").startsWith("/api/admin"));
  }

  @Bean
  PrometheusScrapeEndpoint prometheusEndpoint(
      PrometheusRegistry registry, PrometheusConfig config) {
    return new PrometheusScrapeEndpoint(
        new PublicPrometheusRegistry(registry), config.prometheusProperties());
  }
}
