package dev.perfshop.server.order;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The last-unit race on the embedded database (H2). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LastUnitRaceTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void hundredBuyersOfTheLastUnitMakeExactlyOneOrder() throws Exception {
    LastUnitRace.run(port, jdbc);
  }
}
