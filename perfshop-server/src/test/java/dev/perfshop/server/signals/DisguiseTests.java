package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisguiseTests {

  @Test
  void anAnomalysFrameShowsAsTheShopCodeARealDefectWouldLiveIn() {
    assertThat(Disguise.frame("dev.perfshop.server.chaos.CpuBurnAssault", "burn"))
        .isEqualTo("dev.perfshop.server.catalog.RecommendationRanker.rank");
    assertThat(Disguise.frame("dev.perfshop.server.chaos.MemoryLeakAssault$Chunk", "<init>"))
        .isEqualTo("dev.perfshop.server.catalog.ProductImageCache.put");
    assertThat(Disguise.frame("dev.perfshop.server.chaos.ChaosInterceptor", "preHandle"))
        .isEqualTo("dev.perfshop.server.system.RequestPolicyInterceptor.handle");
    assertThat(Disguise.frame("dev.perfshop.server.catalog.CatalogService", "page"))
        .isEqualTo("dev.perfshop.server.catalog.CatalogService.page");
  }

  @Test
  void heapHistogramClassesAndThreadNamesAreDisguisedToo() {
    assertThat(Disguise.type("dev.perfshop.server.chaos.MemoryLeakAssault$Chunk"))
        .isEqualTo("dev.perfshop.server.catalog.ProductImageCache$Entry");
    assertThat(Disguise.type("byte[]")).isEqualTo("byte[]");
    assertThat(Disguise.thread("chaos-purge")).doesNotContain("chaos").startsWith("shop-");
    assertThat(Disguise.thread("http-nio-8080-exec-1")).isEqualTo("http-nio-8080-exec-1");
  }

  @Test
  void aThreadDumpIsRewrittenUntilNothingRevealsTheEngine() {
    String dump =
        """
        "chaos-purge" TIMED_WAITING
            at dev.perfshop.server.chaos.ChaosEngine.purge(ChaosEngine.java:80)
        "http-nio-8080-exec-3" RUNNABLE
            at dev.perfshop.server.chaos.CpuBurnAssault.burn(CpuBurnAssault.java:31)
            at dev.perfshop.server.chaos.ChaosInterceptor.preHandle(ChaosInterceptor.java:40)
            at dev.perfshop.server.catalog.CatalogController.list(CatalogController.java:52)
        """;
    assertThat(Disguise.reveals(dump)).isTrue();
    String shown = Disguise.text(dump);
    assertThat(Disguise.reveals(shown)).as(shown).isFalse();
    assertThat(shown)
        .contains(
            "dev.perfshop.server.catalog.RecommendationRanker.rank(RecommendationRanker.java:31)")
        .contains("dev.perfshop.server.catalog.CatalogController.list(CatalogController.java:52)");
  }
}
