package dev.perfshop.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.TestAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

/**
 * Runs in a context of its own (the property makes it distinct) that is closed afterwards: the
 * throttled client address must not leak into the contexts other test classes share.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.admin.max-failures-per-minute=10")
@DirtiesContext
class AdminTokenRateLimitTests {

  @LocalServerPort int port;

  @Test
  void aThousandGuessesInAMinuteAreThrottledWhileShoppersAreStillServed() {
    RestClient http =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
            .build();
    List<Integer> statuses = new ArrayList<>();
    List<Integer> shopper = new ArrayList<>();
    String retryAfter = null;
    for (int i = 0; i < 1000; i++) {
      var res =
          http.get()
              .uri("/api/admin/license")
              .header(TestAdmin.HEADER, "guess-%032d".formatted(i))
              .retrieve()
              .toEntity(Map.class);
      statuses.add(res.getStatusCode().value());
      if (res.getStatusCode().value() == 429) {
        retryAfter = res.getHeaders().getFirst("Retry-After");
        assertThat(res.getBody())
            .containsEntry("type", "https://perfshop.dev/problems/too-many-requests");
      }
      if (i % 100 == 0) {
        shopper.add(
            http.get()
                .uri("/api/categories")
                .retrieve()
                .toEntity(List.class)
                .getStatusCode()
                .value());
      }
    }
    assertThat(statuses.subList(0, 10)).containsOnly(401);
    assertThat(statuses.subList(10, 1000)).containsOnly(429);
    assertThat(retryAfter).isNotNull();
    assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    assertThat(shopper).hasSize(10).containsOnly(200);
    // While throttled the client gets 429 even with the right token: no oracle for guesses.
    var right =
        http.get()
            .uri("/api/admin/license")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .retrieve()
            .toEntity(Map.class);
    assertThat(right.getStatusCode().value()).isEqualTo(429);
  }
}
