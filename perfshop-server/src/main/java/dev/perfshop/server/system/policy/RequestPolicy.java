package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.Port;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What one chaos type does to a request the {@link PolicyDecider} picked. Types that act deeper
 * (catalogue, data source, clock, response body) need no assault: they read the request's hits from
 * {@link PolicyContext}.
 */
@Port
public interface RequestPolicy {

  ChaosType type();

  /** Acts before the handler; may throw to fail the request as a real bug would. */
  void apply(Activation activation, HttpServletRequest request, HttpServletResponse response)
      throws Exception;

  /** Gives back everything held for this activation (memory, connections, threads). */
  default void release(Activation activation) {}
}
