/**
 * Who may read which meters. {@code /actuator/prometheus} (no token: students, the lab's student
 * Prometheus) serves every meter except the instructor-only ones ({@link
 * dev.perfshop.server.metrics.InstructorMeters}), which name the active chaos; {@code GET
 * /api/admin/metrics/prometheus} (admin token, the lab's instructor Prometheus) serves them all.
 */
package dev.perfshop.server.metrics;
