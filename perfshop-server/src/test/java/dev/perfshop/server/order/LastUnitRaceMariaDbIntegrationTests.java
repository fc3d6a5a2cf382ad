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

/** The last-unit race on a real MariaDB server (the lab's MySQL 8 stand-in), over real HTTP. */
@RequiresMariaDb
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LastUnitRaceMariaDbIntegrationTests {

  @DynamicPropertySource
  static void mariadb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void hundredBuyersOfTheLastUnitMakeExactlyOneOrder() throws Exception {
    LastUnitRace.run(port, jdbc);
  }
}
