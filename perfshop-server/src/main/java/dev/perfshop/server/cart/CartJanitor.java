package dev.perfshop.server.cart;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes anonymous carts nobody can reach any more: untouched for longer than their cookie lives.
 * (Load tests and bots leave thousands behind.) Customers' carts are kept.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CartJanitor {

  private static final Logger log = LoggerFactory.getLogger(CartJanitor.class);

  private final CartRepository carts;
  private final CartProperties properties;
  private final Clock clock;

  CartJanitor(CartRepository carts, CartProperties properties, Clock clock) {
    this.carts = carts;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
  @Transactional
  public void sweep() {
    Instant cutoff = clock.instant().minus(properties.cookieTtl());
    int deleted = carts.deleteAnonymousUntouchedSince(cutoff);
    if (deleted > 0) {
      log.info("deleted {} abandoned anonymous carts", deleted);
    }
  }
}
