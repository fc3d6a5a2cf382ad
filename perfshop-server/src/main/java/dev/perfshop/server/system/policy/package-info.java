/**
 * The shop's request policies: per-request rules that the instructor's plan switches on (the chaos
 * engine's request side, named as the shop's own code so that raw stacks, profiles, spans and
 * loggers read as a real defect would). {@link
 * dev.perfshop.server.system.policy.RequestPolicyInterceptor} reads the {@link
 * dev.perfshop.server.system.policy.PolicyPlan} once per request from {@link
 * dev.perfshop.server.system.policy.PolicyBoard}, asks {@link
 * dev.perfshop.server.system.policy.PolicyDecider} which activations fire and hands each to the
 * {@link dev.perfshop.server.system.policy.RequestPolicy} of its type (beans here and in {@code
 * catalog} and {@code order}); code deeper in the request reads the hits through {@link
 * dev.perfshop.server.system.policy.PolicyContext}. Nothing here calls into package {@code chaos}
 * while a request is served.
 */
package dev.perfshop.server.system.policy;
