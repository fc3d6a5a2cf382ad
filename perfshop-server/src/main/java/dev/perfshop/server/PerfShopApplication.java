package dev.perfshop.server;

import dev.perfshop.server.system.AheadOfTime;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The PerfShop server: shop, chaos engine, licence gate, admin API and pedagogy. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PerfShopApplication {

  public static void main(String[] args) {
    // The embedded H2's shared value cache hashes and compares every value a query reads, to share
    // equal ones: memory saved at the cost of CPU on every row. Off unless set otherwise (catalogue
    // mix side by side: throughput 1.17x against an A/A of 1.06, CPU per request 0.85x against
    // 0.94; bench/README.md). H2 reads the property once, when its first class loads.
    if (System.getProperty("h2.objectCache") == null) {
      System.setProperty("h2.objectCache", "false");
    }
    SpringApplication application = new SpringApplication(PerfShopApplication.class);
    AheadOfTime.offerTo(application, PerfShopApplication.class);
    application.run(args);
  }
}
