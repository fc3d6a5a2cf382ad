package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The four token assaults share one implementation with different rules. */
@Configuration(proxyBeanMethods = false)
class FormTokenConfig {

  private static final ChaosType ACTION_TOKEN = ChaosType.of("action-token");
  private static final ChaosType CSRF_TOKEN = ChaosType.of("csrf-token");
  private static final ChaosType SESSION_TOKEN = ChaosType.of("session-token");
  private static final ChaosType STEP_TOKEN = ChaosType.of("step-token");

  @Bean
  RequestPolicy csrfTokens(Clock clock) {
    return new FormTokens(CSRF_TOKEN, FormTokens.CSRF, clock);
  }

  @Bean
  RequestPolicy sessionTokens(Clock clock) {
    return new FormTokens(SESSION_TOKEN, FormTokens.SESSION, clock);
  }

  @Bean
  RequestPolicy stepTokens(Clock clock) {
    return new FormTokens(STEP_TOKEN, FormTokens.STEP, clock);
  }

  @Bean
  RequestPolicy actionTokens(Clock clock) {
    return new FormTokens(ACTION_TOKEN, FormTokens.ACTION, clock);
  }
}
