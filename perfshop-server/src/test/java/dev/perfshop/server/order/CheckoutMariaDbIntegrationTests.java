package dev.perfshop.server.order;

import dev.perfshop.server.support.MariaDb;
import dev.perfshop.server.support.RequiresMariaDb;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every checkout test (idempotency cases, injected failure, declines, bad input) again on a real
 * MariaDB server, where duplicate-key and row-lock behaviour are InnoDB's, not H2's.
 */
@RequiresMariaDb
class CheckoutMariaDbIntegrationTests extends CheckoutTests {

  @DynamicPropertySource
  static void mariadb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }
}
