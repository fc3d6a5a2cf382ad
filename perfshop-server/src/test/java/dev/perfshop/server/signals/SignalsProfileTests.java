package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignalsProfileTests {

  @LocalServerPort int port;
  @Autowired Profiler profiler;

  @Test
  void searchesUnderLoadShowInTheCpuAndAllocationProfiles() throws Exception {
    ShopClient client = new ShopClient(port);
    assertThat(client.get("/api/stats/signals/profile?kind=cpu").json().get("running").asBoolean())
        .isTrue();
    assertThat(profiler.running()).isTrue();
    long until = System.nanoTime() + 6_000_000_000L;
    int i = 0;
    while (System.nanoTime() < until) {
      client.get("/api/products?q=" + (char) ('a' + i++ % 26));
    }
    Thread.sleep(1500); // JFR hands events to the stream about once a second

    JsonNode cpu = client.get("/api/stats/signals/profile?kind=cpu").json();
    assertThat(cpu.get("unit").asString()).isEqualTo("samples");
    assertThat(cpu.get("total").asLong()).isPositive();
    assertThat(names(cpu.get("root"))).anyMatch(n -> n.startsWith("dev.perfshop.server."));

    JsonNode alloc = client.get("/api/stats/signals/profile?kind=alloc").json();
    assertThat(alloc.get("unit").asString()).isEqualTo("bytes");
    assertThat(alloc.get("total").asLong()).isPositive();
    assertThat(names(alloc.get("root"))).anyMatch(n -> n.startsWith("new "));
  }

  @Test
  void anUnknownKindIsAValidationProblem() {
    assertThat(new ShopClient(port).get("/api/stats/signals/profile?kind=wall").problemType())
        .isEqualTo("validation");
  }

  private static List<String> names(JsonNode frame) {
    List<String> out = new ArrayList<>();
    collect(frame, out);
    return out;
  }

  private static void collect(JsonNode frame, List<String> out) {
    out.add(frame.get("name").asString());
    frame.get("children").forEach(c -> collect(c, out));
  }
}
