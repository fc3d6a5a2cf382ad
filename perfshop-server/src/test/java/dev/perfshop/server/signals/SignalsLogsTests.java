package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignalsLogsTests {

  @LocalServerPort int port;

  private List<JsonNode> lines(ShopClient client, String query) {
    ShopClient.Response res = client.get("/api/stats/signals/logs?" + query);
    assertThat(res.status()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    res.json().get("lines").forEach(out::add);
    return out;
  }

  @Test
  void aRefusedAdminCallShowsWithItsRequestIdAndNoToken() {
    ShopClient client = new ShopClient(port);
    String requestId = UUID.randomUUID().toString();
    String wrongToken = "wrong-token-" + UUID.randomUUID();
    ShopClient.Response refused =
        client.send(
            "GET",
            "/api/admin/stats",
            null,
            null,
            Map.of(TestAdmin.HEADER, wrongToken, "X-Request-ID", requestId));
    assertThat(refused.status()).isEqualTo(401);

    List<JsonNode> found = lines(client, "level=WARN&q=" + requestId);
    assertThat(found).hasSize(1);
    JsonNode line = found.getFirst();
    assertThat(line.get("level").asString()).isEqualTo("WARN");
    assertThat(line.get("logger").asString()).contains("AdminTokenInterceptor");
    assertThat(line.get("message").asString()).contains("admin token refused");
    assertThat(line.get("requestId").asString()).isEqualTo(requestId);
    assertThat(client.get("/api/stats/signals/logs?level=TRACE&limit=500").body())
        .doesNotContain(wrongToken);
  }

  @Test
  void secretsAreRedactedOnTheWayInAndTheInstructorsLoggersAreNotKept() {
    ShopClient client = new ShopClient(port);
    String marker = "marker-" + UUID.randomUUID();
    MDC.put("request_id", marker);
    try {
      LoggerFactory.getLogger("dev.perfshop.server.customer.Sessions")
          .warn(
              "{} admin {} header X-Admin-Token: {} cookie perfshop_session=s3cr3tSess10n agent"
                  + " 7K2M-ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345 card 4111111111111111",
              marker,
              TestAdmin.TOKEN,
              TestAdmin.TOKEN);
      LoggerFactory.getLogger("dev.perfshop.server.chaos.ChaosAudit").warn("{} enabled", marker);
    } finally {
      MDC.remove("request_id");
    }
    String body = client.get("/api/stats/signals/logs?level=TRACE&limit=500&q=" + marker).body();
    assertThat(body)
        .contains(marker)
        .doesNotContain(TestAdmin.TOKEN)
        .doesNotContain("s3cr3tSess10n")
        .doesNotContain("7K2M-ABCD")
        .contains("[redacted]")
        .contains("4111111111111111")
        .doesNotContain("ChaosAudit");
    assertThat(lines(client, "level=TRACE&q=" + marker)).hasSize(1);
  }

  @Test
  void afterReturnsOnlyNewerLinesAndBadFiltersAreProblems() {
    ShopClient client = new ShopClient(port);
    long last = client.get("/api/stats/signals/logs").json().get("last").asLong();
    String marker = "later-" + UUID.randomUUID();
    LoggerFactory.getLogger("dev.perfshop.server.catalog.Search").info("{}", marker);
    List<JsonNode> newer = lines(client, "after=" + last + "&level=TRACE");
    assertThat(newer)
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.get("seq").asLong()).isGreaterThan(last));
    assertThat(newer).anySatisfy(l -> assertThat(l.get("message").asString()).isEqualTo(marker));
    assertThat(lines(client, "level=ERROR&q=" + marker)).isEmpty();

    assertThat(client.get("/api/stats/signals/logs?level=LOUD").problemType())
        .isEqualTo("validation");
    assertThat(client.get("/api/stats/signals/logs?limit=0").problemType()).isEqualTo("validation");
    assertThat(client.get("/api/stats/signals/logs?after=-1").problemType())
        .isEqualTo("validation");
  }
}
