/**
 * The chaos engine: a fixed catalogue of anomaly types ({@link
 * dev.perfshop.server.chaos.ChaosType}, built from the scenarios module's {@code
 * chaos-catalogue.yaml}) in six families, activated at levels 1–5 through the admin API. The admin
 * API swaps one immutable {@link dev.perfshop.server.chaos.ChaosPlan} into an {@code
 * AtomicReference}; the request path ({@code ChaosInterceptor}) reads it once per request without
 * locks, decides which activations fire ({@code ChaosDecider}) and hands each hit to the {@code
 * Assault} of its type. Anomalies that act deeper (catalogue search, the data source, the clock,
 * response bodies) read the request's hits through {@link dev.perfshop.server.chaos.ChaosContext}.
 */
package dev.perfshop.server.chaos;
