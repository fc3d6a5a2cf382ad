package dev.perfshop.server.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Seams shared by every feature: the clock (replaceable in tests). */
@Configuration(proxyBeanMethods = false)
class SystemConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
