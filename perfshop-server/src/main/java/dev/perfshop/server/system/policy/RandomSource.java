package dev.perfshop.server.system.policy;

import dev.perfshop.server.system.Port;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Seam for every random draw of the engine: seeded for reproducible demos and tests. */
@Port
public interface RandomSource {

  /** A uniform double in [0, 1). */
  double nextDouble();

  static RandomSource threadLocal() {
    return () -> ThreadLocalRandom.current().nextDouble();
  }

  /** A reproducible sequence (thread-safe; the order across threads is the scheduler's). */
  static RandomSource seeded(long seed) {
    Random random = new Random(seed);
    return random::nextDouble;
  }
}
