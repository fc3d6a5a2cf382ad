/**
 * What a student observes on the embedded server without Docker: metrics with history, a live log
 * tail, request traces, CPU and allocation profiles, thread dumps and heap histograms, served under
 * {@code /api/stats/signals/**}. Every store is bounded (docs/web.md, "Signals").
 */
package dev.perfshop.server.signals;
