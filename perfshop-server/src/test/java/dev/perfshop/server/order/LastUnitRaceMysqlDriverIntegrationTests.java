package dev.perfshop.server.order;

import dev.perfshop.server.support.MariaDb;
import dev.perfshop.server.support.RequiresMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Checkout as the lab runs it: the MySQL driver and dialect against MariaDB (the lab's MySQL
 * stand-in). The dialect's {@code FOR UPDATE OF alias} once broke every checkout in the lab here.
 */
@RequiresMariaDb
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LastUnitRaceMysqlDriverIntegrationTests {

  @DynamicPropertySource
  static void mariadbThroughTheMysqlDriver(DynamicPropertyRegistry registry) {
    MariaDb.registerThroughMysqlDriver(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void hundredBuyersOfTheLastUnitMakeExactlyOneOrder() throws Exception {
    LastUnitRace.run(port, jdbc);
  }
}
