package dev.perfshop.server.chaos;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts chaos between the application and two of its dependencies: the DataSource (db-latency,
 * db-outage) and the Clock (clock-skew). Both wrappers cost one thread-local read when idle.
 */
@Configuration(proxyBeanMethods = false)
class ChaosPostProcessor {

  @Bean
  static BeanPostProcessor chaosWrappers() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource ds && !(bean instanceof ChaosDataSource)) {
          return new ChaosDataSource(ds);
        }
        if (bean instanceof Clock clock && !(bean instanceof ChaosClock)) {
          return new ChaosClock(clock);
        }
        return bean;
      }
    };
  }
}
