package dev.perfshop.server.chaos;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The four token assaults share one implementation with different rules. */
@Configuration(proxyBeanMethods = false)
class ScriptingConfig {

  @Bean
  Assault csrfTokenAssault(Clock clock) {
    return new TokenAssault(ChaosType.CSRF_TOKEN, TokenAssault.CSRF, clock);
  }

  @Bean
  Assault sessionTokenAssault(Clock clock) {
    return new TokenAssault(ChaosType.SESSION_TOKEN, TokenAssault.SESSION, clock);
  }

  @Bean
  Assault stepTokenAssault(Clock clock) {
    return new TokenAssault(ChaosType.STEP_TOKEN, TokenAssault.STEP, clock);
  }

  @Bean
  Assault actionTokenAssault(Clock clock) {
    return new TokenAssault(ChaosType.ACTION_TOKEN, TokenAssault.ACTION, clock);
  }
}
