package dev.perfshop.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.RawHttp;
import dev.perfshop.server.support.TestAdmin;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The admin token guard over real HTTP. The failure limit is raised here so the cases do not
 * throttle each other; {@link AdminTokenRateLimitTests} covers the limit.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.admin.max-failures-per-minute=1000")
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTests {

  @LocalServerPort int port;

  RestClient http() {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
        .build();
  }

  ResponseEntity<Map> admin(String token) {
    var req = http().get().uri("/api/admin/license");
    if (token != null) {
      req = req.header(TestAdmin.HEADER, token);
    }
    return req.retrieve().toEntity(Map.class);
  }

  static void assertRefused(ResponseEntity<Map> res) {
    assertThat(res.getStatusCode().value()).isEqualTo(401);
    assertThat(res.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(res.getBody()).containsEntry("type", "https://perfshop.dev/problems/admin-token");
  }

  @Test
  void theRightTokenOpensAdminRoutesWithNoStore() {
    var res = admin(TestAdmin.TOKEN);
    assertThat(res.getStatusCode().value()).isEqualTo(200);
    assertThat(res.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(res.getBody()).containsEntry("valid", true);
  }

  @Test
  void noTokenIsRefused() {
    assertRefused(admin(null));
    assertRefused(admin(""));
  }

  @Test
  void aWrongTokenIsRefusedAndLoggedWithoutTheToken(CapturedOutput output) {
    String guess = "guess-" + "z".repeat(TestAdmin.TOKEN.length() - 6);
    assertRefused(admin(guess));
    assertThat(output.getAll()).contains("admin token refused (wrong token)").doesNotContain(guess);
  }

  @Test
  void tokensOfAnotherLengthAreRefused() {
    assertRefused(admin(TestAdmin.TOKEN.substring(0, TestAdmin.TOKEN.length() - 1)));
    assertRefused(admin(TestAdmin.TOKEN + "0"));
    assertRefused(admin("x"));
    assertRefused(admin("y".repeat(4096)));
  }

  @Test
  void aTokenInTheQueryStringIsRefusedEvenWhenRight(CapturedOutput output) {
    for (String name : new String[] {"token", "X-Admin-Token", "admin_token"}) {
      var res =
          http()
              .get()
              .uri("/api/admin/license?" + name + "={t}", TestAdmin.TOKEN)
              .retrieve()
              .toEntity(Map.class);
      assertThat(res.getStatusCode().value()).isEqualTo(400);
      assertThat(res.getBody().get("detail").toString()).contains("X-Admin-Token header");
    }
    assertThat(output.getAll())
        .contains("token in the query string")
        .doesNotContain(TestAdmin.TOKEN);
  }

  @Test
  void aCrossSiteBrowserRequestIsRefusedEvenWithTheRightToken() {
    var crossSite =
        http()
            .delete()
            .uri("/api/admin/license")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .header("Sec-Fetch-Site", "cross-site")
            .retrieve()
            .toEntity(Map.class);
    assertThat(crossSite.getStatusCode().value()).isEqualTo(403);
    assertThat(crossSite.getBody())
        .containsEntry("type", "https://perfshop.dev/problems/forbidden");
    var foreignOrigin =
        http()
            .delete()
            .uri("/api/admin/license")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .header("Origin", "https://evil.example")
            .retrieve()
            .toEntity(Map.class);
    assertThat(foreignOrigin.getStatusCode().value()).isEqualTo(403);
    var nullOrigin =
        http()
            .get()
            .uri("/api/admin/license")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .header("Origin", "null")
            .retrieve()
            .toEntity(Map.class);
    assertThat(nullOrigin.getStatusCode().value()).isEqualTo(403);
    // The licence was not removed by the refused requests.
    assertThat(admin(TestAdmin.TOKEN).getBody()).containsEntry("valid", true);
  }

  @Test
  void aSameOriginBrowserRequestIsAccepted() {
    var res =
        http()
            .get()
            .uri("/api/admin/license")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .header("Origin", "http://localhost:" + port)
            .header("Sec-Fetch-Site", "same-origin")
            .retrieve()
            .toEntity(Map.class);
    assertThat(res.getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void pathTricksDoNotReachAnAdminRouteWithoutTheToken() throws IOException {
    for (String path :
        List.of(
            "/api/products/../admin/license",
            "/api/products/%2e%2e/admin/license",
            "/api/products/..;/admin/license",
            "/api//admin/license",
            "//api/admin/license",
            "/api/./admin/license",
            "/api/admin;x=1/license",
            "/api/admin/./license",
            "/API/admin/license",
            "/api/Admin/license",
            "/api/admin/license/",
            "/api/%61dmin/license")) {
      assertThat(RawHttp.status(port, "GET", path)).as(path).isNotEqualTo(200);
      assertThat(RawHttp.status(port, "DELETE", path)).as("DELETE " + path).isNotEqualTo(200);
    }
    assertThat(admin(TestAdmin.TOKEN).getBody()).containsEntry("valid", true);
  }

  @Test
  void unknownAdminRoutesAreGuardedToo() {
    var res = http().post().uri("/api/admin/anything/else").retrieve().toEntity(Map.class);
    assertRefused(res);
  }
}
