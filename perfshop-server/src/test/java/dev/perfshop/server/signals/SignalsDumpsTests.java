package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignalsDumpsTests {

  @LocalServerPort int port;

  @Test
  void aThreadDumpShowsTheRequestThreadsAndIsRateLimited() {
    ShopClient client = new ShopClient(port);
    JsonNode dump = client.get("/api/stats/signals/threads").json();
    List<JsonNode> threads = new ArrayList<>();
    dump.get("threads").forEach(threads::add);
    assertThat(dump.get("threadCount").asInt()).isEqualTo(threads.size());
    assertThat(threads)
        .anySatisfy(t -> assertThat(t.get("name").asString()).startsWith("http-nio-"))
        .anySatisfy(t -> assertThat(t.get("name").asString()).isEqualTo("metrics-history"))
        .anySatisfy(
            t -> {
              assertThat(t.get("state").asString()).isEqualTo("runnable");
              assertThat(t.get("frames").get(0).asString()).isNotBlank();
            });
  }

  @Test
  void dumpsAreCachedSoManyStudentsCostOne() {
    long[] now = {1_000_000};
    Dumps dumps = new Dumps(() -> now[0]);
    Dumps.ThreadDump first = dumps.threads();
    now[0] += Dumps.THREADS_EVERY_MS - 1;
    assertThat(dumps.threads()).isSameAs(first);
    now[0] += 1;
    assertThat(dumps.threads()).isNotSameAs(first);
    Dumps.HeapHistogram heap = dumps.heap();
    now[0] += Dumps.HEAP_EVERY_MS - 1;
    assertThat(dumps.heap()).isSameAs(heap);
  }

  @Test
  void aHeapHistogramNamesTheShopsEntitiesAfterLoadingThem() {
    ShopClient client = new ShopClient(port);
    assertThat(client.get("/api/products?size=50").status()).isEqualTo(200);
    JsonNode heap = client.get("/api/stats/signals/heap").json();
    assertThat(heap.get("bytes").asLong()).isPositive();
    List<String> names = new ArrayList<>();
    heap.get("classes").forEach(c -> names.add(c.get("className").asString()));
    assertThat(names).hasSizeLessThanOrEqualTo(Dumps.MAX_CLASSES).contains("byte[]");
    assertThat(heap.get("classes").get(0).get("rank").asInt()).isEqualTo(1);
  }

  @Test
  void jvmTypeNamesReadAsJava() {
    assertThat(Dumps.readable("[B")).isEqualTo("byte[]");
    assertThat(Dumps.readable("[[Ljava.lang.String;")).isEqualTo("java.lang.String[][]");
    assertThat(Dumps.readable("java.util.HashMap")).isEqualTo("java.util.HashMap");
    Dumps.HeapHistogram h =
        Dumps.parse(
            1,
            """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         12345        6789000  [B (java.base@21)
               2:           100           2400  dev.perfshop.server.catalog.Product
            Total         12445        6791400
            """);
    assertThat(h.classes()).hasSize(2);
    assertThat(h.classes().get(0).className()).isEqualTo("byte[]");
    assertThat(h.classes().get(1).instances()).isEqualTo(100);
    assertThat(h.bytes()).isEqualTo(6791400);
  }
}
