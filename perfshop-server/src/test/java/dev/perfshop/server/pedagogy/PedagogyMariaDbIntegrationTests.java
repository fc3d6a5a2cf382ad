package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.MariaDb;
import dev.perfshop.server.support.RequiresMariaDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The V30 migration and a full class journey on a real MariaDB server (MySQL 8 stand-in). */
@RequiresMariaDb
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PedagogyMariaDbIntegrationTests {

  @DynamicPropertySource
  static void mariadb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }

  @LocalServerPort int port;

  @Test
  @SuppressWarnings("unchecked")
  void aClassRunsOnMariaDb() {
    Api api = new Api(port);
    Map<String, Object> s = api.openSession("mariadb", "BAC3");
    Object id = s.get("id");
    api.register(id, Api.routeEnigma("slow", "GET /api/products/{id}", List.of("a", "b")));
    api.register(
        id,
        Map.of(
            "id", "p95",
            "question", "p95?",
            "answer", Map.of("type", "number", "value", 0.25, "tolerance", 0.05, "unit", "s")));
    String ada = api.agent(s.get("joinCode"), "Ada");
    String bob = api.agent(s.get("joinCode"), "Bob");
    assertThat(api.join(s.get("joinCode"), "ADA").getStatusCode().value()).isEqualTo(409);

    assertThat(api.hint(ada, "slow").getBody()).containsEntry("starsAvailable", 2);
    assertThat(api.answer(ada, "slow", "GET /api/products/1").getBody()).containsEntry("stars", 2);
    assertThat(api.answer(ada, "slow", "GET /api/products/2").getBody())
        .containsEntry("alreadySolved", true);
    assertThat(api.answer(ada, "p95", "260 ms").getBody()).containsEntry("stars", 3);
    assertThat(api.answer(bob, "p95", "1 s").getBody()).containsEntry("correct", false);

    Map<String, Object> progress =
        api.admin("GET", "/api/admin/sessions/" + id + "/progress", null).getBody();
    List<Map<String, Object>> board = (List<Map<String, Object>>) progress.get("leaderboard");
    assertThat(board).extracting("nickname").containsExactly("Ada", "Bob");
    assertThat(board).extracting("stars").containsExactly(5, 0);

    long bobId =
        ((List<Map<String, Object>>)
                api.adminList("/api/admin/sessions/" + id + "/students").getBody())
            .stream()
                .filter(st -> "Bob".equals(st.get("nickname")))
                .findFirst()
                .map(st -> ((Number) st.get("id")).longValue())
                .orElseThrow();
    api.admin("DELETE", "/api/admin/sessions/" + id + "/students/" + bobId, null);
    assertThat(api.me(bob).getStatusCode().value()).isEqualTo(401);

    // archiving frees the join code (NULL in a UNIQUE column, twice)
    api.admin("POST", "/api/admin/sessions/" + id + "/archive", null);
    Map<String, Object> other = api.openSession("other", "BAC1");
    api.admin("POST", "/api/admin/sessions/" + other.get("id") + "/archive", null);
    assertThat(api.adminList("/api/admin/sessions?archived=true").getBody())
        .hasSizeGreaterThanOrEqualTo(2);
  }
}
