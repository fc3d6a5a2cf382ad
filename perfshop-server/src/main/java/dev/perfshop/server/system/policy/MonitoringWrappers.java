package dev.perfshop.server.system.policy;

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
class MonitoringWrappers {

  @Bean
  static BeanPostProcessor dependencyWrappers() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource ds && !(bean instanceof MonitoredDataSource)) {
          return new MonitoredDataSource(ds);
        }
        if (bean instanceof Clock clock && !(bean instanceof ShopClock)) {
          return new ShopClock(clock);
        }
        return bean;
      }
    };
  }
}
