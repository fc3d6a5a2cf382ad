package dev.perfshop.server.chaos;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The four token assaults share one implementation with different rules. */
@Configuration(proxyBeanMethods = false)
class ScriptingConfig {

  private static final ChaosType ACTION_TOKEN = ChaosType.of("action-token");
  private static final ChaosType CSRF_TOKEN = ChaosType.of("csrf-token");
  private static final ChaosType SESSION_TOKEN = ChaosType.of("session-token");
  private static final ChaosType STEP_TOKEN = ChaosType.of("step-token");

  @Bean
  Assault csrfTokenAssault(Clock clock) {
    return new TokenAssault(CSRF_TOKEN, TokenAssault.CSRF, clock);
  }

  @Bean
  Assault sessionTokenAssault(Clock clock) {
    return new TokenAssault(SESSION_TOKEN, TokenAssault.SESSION, clock);
  }

  @Bean
  Assault stepTokenAssault(Clock clock) {
    return new TokenAssault(STEP_TOKEN, TokenAssault.STEP, clock);
  }

  @Bean
  Assault actionTokenAssault(Clock clock) {
    return new TokenAssault(ACTION_TOKEN, TokenAssault.ACTION, clock);
  }
}
