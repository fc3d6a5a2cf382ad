package dev.perfshop.server.order;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrderConfig {

  /** The payment gateway's wait; replace this bean to stretch or skip it. */
  @Bean
  Sleeper paymentSleeper() {
    return Sleeper.THREAD;
  }
}
