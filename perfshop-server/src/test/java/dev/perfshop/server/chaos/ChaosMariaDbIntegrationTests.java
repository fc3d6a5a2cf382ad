package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.MariaDb;
import dev.perfshop.server.support.RequiresMariaDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chaos SQL on a real MariaDB server (the lab's MySQL 8 stand-in): the audit table, the
 * slow-query join and the deliberately injectable search.
 */
@RequiresMariaDb
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.chaos.unsafe-lab=true")
class ChaosMariaDbIntegrationTests {

  @DynamicPropertySource
  static void mariadb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }

  @LocalServerPort int port;
  ChaosHttp api;

  @BeforeEach
  void setUp() {
    api = new ChaosHttp(port);
    api.halt();
  }

  @AfterEach
  void tearDown() {
    api.halt();
  }

  @Test
  void auditIsStoredAndReadBackNewestFirst() {
    api.enable("latency", Map.of("level", 1, "routes", List.of("/api/none"), "scenarioId", "m1"));
    api.disable("latency");
    assertThat(api.audit(2)).extracting(e -> e.get("action")).containsExactly("disable", "enable");
    assertThat(api.audit(2).get(1)).containsEntry("scenarioId", "m1").containsEntry("level", 1);
  }

  @Test
  void slowQueryRunsOnMariaDb() {
    api.enable("slow-query", Map.of("level", 5, "routes", List.of("/api/categories")));
    assertThat(api.get("/api/categories").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  @SuppressWarnings("unchecked")
  void injectableSearchIsExploitableOnMariaDb() {
    api.enable("sql-injection", Map.of("level", 2));
    Map<String, Object> page =
        api.http
            .get()
            .uri("/api/products?size=3&q={q}", "zzzz' or 1=1 or 'a'='")
            .retrieve()
            .body(Map.class);
    assertThat(((Number) page.get("totalItems")).intValue()).isGreaterThan(3);
    var error = api.http.get().uri("/api/products?q={q}", "a'b").retrieve().toEntity(String.class);
    assertThat(error.getStatusCode().value()).isEqualTo(500);
    assertThat(error.getBody()).contains("SQL syntax");
  }
}
