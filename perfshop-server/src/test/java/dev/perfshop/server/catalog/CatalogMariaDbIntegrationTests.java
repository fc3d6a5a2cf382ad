package dev.perfshop.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.MariaDb;
import dev.perfshop.server.support.RequiresMariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/** The same migrations and seed on a real MariaDB server (the lab's MySQL 8 stand-in). */
@RequiresMariaDb
@SpringBootTest
class CatalogMariaDbIntegrationTests {

  @DynamicPropertySource
  static void mariadb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }

  @Autowired CatalogService catalog;
  @Autowired ProductRepository products;

  @Test
  void migrationsAndSeedRunOnMariaDb() {
    assertThat(products.count()).isEqualTo(12L * CatalogSeeder.PRODUCTS_PER_CATEGORY);
    assertThat(catalog.search("lamp", "office", "price", 0, 10).getContent()).isNotEmpty();
  }

  @Test
  @Transactional
  void stockIsTakenOnlyWhenAvailable() {
    Product p = products.findAll().getFirst();
    int stock = p.getStock();
    assertThat(products.takeStock(p.getId(), stock + 1)).isZero();
    assertThat(products.findById(p.getId()).orElseThrow().getStock()).isEqualTo(stock);
    assertThat(products.takeStock(p.getId(), stock)).isOne();
    assertThat(products.findById(p.getId()).orElseThrow().getStock()).isZero();
  }
}
