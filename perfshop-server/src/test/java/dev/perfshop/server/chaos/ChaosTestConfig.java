package dev.perfshop.server.chaos;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the clock with one the test moves (the production wrappers still apply on top). */
@TestConfiguration(proxyBeanMethods = false)
class ChaosTestConfig {

  static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));

  @Bean
  @Primary
  Clock testClock() {
    return CLOCK;
  }
}
