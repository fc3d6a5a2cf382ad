package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Disguise, as a student would test it: for every chaos type of the catalogue, enable it, drive
 * shop traffic, then fetch everything the student page can read — the signals (metrics, logs,
 * traces, profile, threads, heap), the route statistics, the public Prometheus scrape and the
 * shop's own answers — and look for the engine's words and the type's name. The instructor's admin
 * API keeps the truth and is not scanned.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class StudentSignalsDisguiseTests {

  static final List<String> STUDENT_READS =
      List.of(
          "/api/stats/signals/metrics",
          "/api/stats/signals/logs?level=DEBUG&limit=500",
          "/api/stats/signals/traces",
          "/api/stats/signals/profile",
          "/api/stats/signals/threads",
          "/api/stats/signals/heap",
          "/api/stats/routes",
          "/api/stats/series",
          "/actuator/prometheus");

  @LocalServerPort int port;

  @Test
  void nothingAStudentCanReadNamesWhatTheInstructorInjected() throws Exception {
    ShopClient admin = new ShopClient(port);
    Map<String, String> token = Map.of(TestAdmin.HEADER, TestAdmin.TOKEN);
    JsonNode catalog = admin.send("GET", "/api/admin/chaos/catalog", null, null, token).json();
    // The profile and trace recorders run only while someone looks: look first.
    fetch("/api/stats/signals/profile");
    fetch("/api/stats/signals/traces");

    Map<String, List<String>> leaks = new LinkedHashMap<>();
    int scanned = 0;
    List<String> refused = new ArrayList<>();
    for (JsonNode type : catalog) {
      String id = type.path("type").asString();
      Map<String, Object> body = Map.of("level", 3, "probability", 1, "ttl", "2m");
      var enabled = admin.send("PUT", "/api/admin/chaos/" + id, body, "application/json", token);
      if (enabled.status() != 200) {
        refused.add(id + " " + enabled.status() + " " + enabled.body());
        continue;
      }
      scanned++;
      try {
        // A scripting type's whole exercise is the header it names ("X-Request-ID is required"):
        // only the engine's own words are looked for there.
        boolean scripting = "scripting".equals(type.path("family").asString());
        Pattern words = tellTale(scripting ? null : id);
        traffic(words, leaks, id);
        for (String path : STUDENT_READS) {
          String text = fetch(path);
          Matcher m = words.matcher(text);
          while (m.find()) {
            int from = Math.max(0, m.start() - 60);
            int to = Math.min(text.length(), m.end() + 60);
            leaks
                .computeIfAbsent(id, k -> new ArrayList<>())
                .add(path + ": …" + text.substring(from, to) + "…");
            break;
          }
        }
      } finally {
        admin.send("POST", "/api/admin/chaos/halt", Map.of(), "application/json", token);
      }
    }
    assertThat(refused).as("every catalogue type can be enabled on loopback").isEmpty();
    assertThat(scanned).as("chaos types enabled and scanned").isGreaterThan(20);
    assertThat(leaks).as("student-readable text naming the chaos").isEmpty();
  }

  /**
   * A short shopping journey, read as raw text: anomalies may refuse, slow or corrupt any of it,
   * and what the shop answers is scanned too.
   */
  void traffic(Pattern words, Map<String, List<String>> leaks, String id) {
    for (int i = 0; i < 4; i++) {
      for (String path :
          List.of(
              "/api/products?size=5",
              "/api/products/" + (1 + i),
              "/api/categories",
              "/api/products?q=lamp")) {
        String text = fetch(path);
        if (words.matcher(text).find()) {
          leaks.computeIfAbsent(id, k -> new ArrayList<>()).add(path + ": " + cut(text));
        }
      }
    }
  }

  String fetch(String path) {
    try {
      return ShopClient.SHARED
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      return ""; // a connection an anomaly broke: nothing to read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  static String cut(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  static Pattern tellTale(String typeId) {
    return Pattern.compile(
        "chaos|assault|anomal"
            // a type's name starting a word: "idor", not the "IdOr" of findByProductIdOrderBy…
            + (typeId == null
                ? ""
                : "|(?<![a-z])" + Pattern.quote(typeId.toLowerCase(Locale.ROOT))),
        Pattern.CASE_INSENSITIVE);
  }
}
