package dev.perfshop.server.stats;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatsConfig {

  @Bean
  RouteStats routeStats(Clock clock) {
    return new RouteStats(clock);
  }

  @Bean
  SessionStats sessionStats(Clock clock) {
    return new SessionStats(clock);
  }
}
