package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.ShopClient;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** {@code perfshop.signals.enabled=false}: no collector runs and the shop works as before. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.signals.enabled=false")
class SignalsOffTests {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired DataSource dataSource;

  @Test
  void noCollectorIsCreated() {
    for (Class<?> type :
        new Class<?>[] {
          MetricsHistory.class,
          LogTail.class,
          TraceStore.class,
          TraceRecorder.class,
          Profiler.class,
          HeapFloorMeters.class,
          SignalsController.class
        }) {
      assertThat(context.getBeanNamesForType(type)).as(type.getSimpleName()).isEmpty();
    }
    // (the log tail and the sampler thread are global: other test contexts in this JVM have them)
    assertThat(dataSource).isNotInstanceOf(ObservedDataSource.class);
  }

  @Test
  void theShopAnswersAndTheSignalsAreGone() {
    ShopClient shop = new ShopClient(port);
    assertThat(shop.get("/api/products?q=item").status()).isEqualTo(200);
    assertThat(shop.get("/api/stats/signals/metrics?window=300").status()).isEqualTo(404);
    assertThat(shop.get("/api/stats/signals/profile").status()).isEqualTo(404);
  }
}
