package dev.perfshop.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The PerfShop server: shop, chaos engine, licence gate, admin API and pedagogy. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PerfShopApplication {

  public static void main(String[] args) {
    SpringApplication.run(PerfShopApplication.class, args);
  }
}
