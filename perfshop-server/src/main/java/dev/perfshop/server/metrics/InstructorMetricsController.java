package dev.perfshop.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/metrics/prometheus}: every meter, the instructor-only ones included, in the
 * Prometheus text format (0.0.4). Behind the admin token like every {@code /api/admin/**} route; a
 * scraper sends it as {@code Authorization: Bearer <token>} (Prometheus's {@code authorization}
 * block with a {@code credentials_file}).
 */
@RestController
class InstructorMetricsController {

  private static final PrometheusOutputFormat FORMAT = PrometheusOutputFormat.CONTENT_TYPE_004;

  private final PrometheusScrapeEndpoint all;

  InstructorMetricsController(PrometheusRegistry registry, PrometheusConfig config) {
    this.all = new PrometheusScrapeEndpoint(registry, config.prometheusProperties());
  }

  @GetMapping("/api/admin/metrics/prometheus")
  ResponseEntity<byte[]> scrape() {
    WebEndpointResponse<byte[]> response = all.scrape(FORMAT, null);
    return ResponseEntity.ok()
        .contentType(MediaType.asMediaType(FORMAT.getProducedMimeType()))
        .body(response.getBody());
  }
}
