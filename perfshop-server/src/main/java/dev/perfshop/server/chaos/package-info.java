/**
 * The chaos engine's instructor side: a fixed catalogue of anomaly types ({@link
 * dev.perfshop.server.chaos.ChaosType}, built from the scenarios module's {@code
 * chaos-catalogue.yaml}) in six families, activated at levels 1–5 through the admin API, audited,
 * metered and guarded by the safety mode. The admin API swaps one immutable {@link
 * dev.perfshop.server.system.policy.PolicyPlan} into {@link
 * dev.perfshop.server.system.policy.PolicyBoard}. What acts on requests lives in the shop's own
 * code, under shop names (see {@code dev.perfshop.server.system.policy} and docs/chaos.md): nothing
 * of this package sits on the stack of a request it acts on, so raw stacks, profiles, spans and
 * loggers never name it.
 */
package dev.perfshop.server.chaos;
