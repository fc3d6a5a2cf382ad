package dev.perfshop.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Students must not read which chaos is active: the public scrape carries no chaos meter, no chaos
 * type or family name, while the admin scrape (token only) carries them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsVisibilityTests {

  private static final Map<String, String> ADMIN = Map.of(TestAdmin.HEADER, TestAdmin.TOKEN);

  @LocalServerPort int port;
  ShopClient shop;
  ShopClient admin;

  @BeforeEach
  void activateChaos() {
    shop = new ShopClient(port);
    admin = new ShopClient(port);
    halt();
    enable("latency", Map.of("level", 1, "probability", 1, "routes", List.of("/api/categories")));
    enable(
        "error-rate", Map.of("level", 5, "probability", 1, "routes", List.of("/api/categories")));
    for (int i = 0; i < 3; i++) {
      assertThat(shop.get("/api/categories").status()).isEqualTo(500);
    }
  }

  @AfterEach
  void halt() {
    assertThat(
            admin.send("POST", "/api/admin/chaos/halt", null, "application/json", ADMIN).status())
        .isEqualTo(200);
  }

  @Test
  void publicScrapeNamesNoChaosWhileChaosIsActive() {
    HttpResponse<String> scrape = scrape("/actuator/prometheus", Map.of());

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertNamesNoChaos(scrape.body());
    // JVM and HTTP metrics stay public, the failing requests included.
    assertThat(scrape.body())
        .contains("jvm_memory_used_bytes{")
        .contains("http_server_requests_seconds_count{")
        .contains("uri=\"/api/categories\"");
  }

  @Test
  void noQueryParameterBringsTheChaosMetersBack() {
    HttpResponse<String> scrape =
        scrape(
            "/actuator/prometheus?includedNames=perfshop_chaos_active,"
                + "perfshop_chaos_injections_total,perfshop_chaos_injections",
            Map.of());

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertNamesNoChaos(scrape.body());
  }

  @Test
  void adminScrapeNeedsTheToken() {
    assertThat(scrape("/api/admin/metrics/prometheus", Map.of()).statusCode()).isEqualTo(401);
    assertThat(
            scrape(
                    "/api/admin/metrics/prometheus",
                    Map.of("Authorization", "Bearer not-the-token-0123456789abcdef0123456789"))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void adminScrapeCarriesTheActiveChaosWithTheHeaderOrABearerToken() {
    for (Map<String, String> credentials :
        List.of(ADMIN, Map.of("Authorization", "Bearer " + TestAdmin.TOKEN))) {
      HttpResponse<String> scrape = scrape("/api/admin/metrics/prometheus", credentials);

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain").contains("0.0.4"));
      assertThat(scrape.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(scrape.body())
          .contains("perfshop_chaos_active{family=\"performance\",level=\"1\",type=\"latency\"} 1")
          .contains(
              "perfshop_chaos_active{family=\"functional\",level=\"5\",type=\"error-rate\"} 1")
          .containsPattern(
              "perfshop_chaos_injections_total\\{family=\"functional\",type=\"error-rate\"} [1-9]")
          .contains("jvm_memory_used_bytes{");
    }
  }

  /** A scrape as Prometheus makes it (its own Accept header), with the given credentials. */
  private HttpResponse<String> scrape(String path, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    headers.forEach(request::header);
    try {
      return ShopClient.SHARED.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * No word of the scrape starts with chaos, assault, anomal(y) or inject(ion), and no chaos type
   * or family name stands as a word (hyphens or underscores): {@code idor} inside a repository
   * method name such as {@code findByProductIdOrderBy} is not the IDOR anomaly.
   */
  private static void assertNamesNoChaos(String body) {
    // Spring Boot labels its start-up timers with the class that started the context: in a test
    // JVM that is whichever test class came first (say chaos.StrictAdminInputTests), in
    // production dev.perfshop.server.PerfShopApplication. Not something a student would see.
    String text = body.toLowerCase(Locale.ROOT).replaceAll("main_application_class=\"[^\"]*\"", "");
    List<Pattern> names = new ArrayList<>();
    for (String stem : List.of("chaos", "assault", "anomal", "inject")) {
      names.add(Pattern.compile("(?<![a-z0-9])" + stem));
    }
    List<String> words = new ArrayList<>();
    for (ChaosType type : ChaosType.values()) {
      words.add(type.id());
      if (!words.contains(type.family())) {
        words.add(type.family());
      }
    }
    for (String word : words) {
      names.add(Pattern.compile("(?<![a-z0-9])" + word.replace("-", "[-_]") + "(?![a-z0-9])"));
    }
    assertThat(names)
        .allSatisfy(
            name ->
                assertThat(
                        name.matcher(text)
                            .results()
                            .map(
                                r ->
                                    text.substring(
                                        text.lastIndexOf('\n', r.start()) + 1,
                                        Math.max(r.end(), text.indexOf('\n', r.end()))))
                            .toList())
                    .as("public scrape names %s", name)
                    .isEmpty());
  }

  private void enable(String type, Map<String, Object> body) {
    assertThat(
            admin
                .send(
                    "PUT",
                    "/api/admin/chaos/" + type,
                    body,
                    "application/json",
                    Map.of(
                        TestAdmin.HEADER, TestAdmin.TOKEN, "X-Perfshop-Actor", "test-instructor"))
                .status())
        .isEqualTo(200);
  }
}
