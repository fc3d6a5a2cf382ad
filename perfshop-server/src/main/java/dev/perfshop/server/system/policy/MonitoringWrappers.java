package dev.perfshop.server.system.policy;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts the request policies between the application and two of its dependencies: the DataSource
 * (db-latency, db-outage) and the Clock (clock-skew). Both wrappers cost one thread-local read when
 * idle. {@link Ordered}, so they wrap before the wrappers that are not (the signals' SQL
 * observation stays outermost and times what these add), whatever the order beans are scanned in.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringWrappers {

  @Bean
  static Wrappers dependencyWrappers() {
    return new Wrappers();
  }

  /** Declared as its own type: Spring sees {@link Ordered} before creating it. */
  static final class Wrappers implements BeanPostProcessor, Ordered {
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

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
