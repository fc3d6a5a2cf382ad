package bench;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** One entity, one repository, one controller: the yardstick of bench/start/run. */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true) // the repository is a nested interface
public class MinimalApp {

  public static void main(String[] args) {
    SpringApplication.run(MinimalApp.class, args);
  }

  @Entity
  public static class Product {
    @Id @GeneratedValue public Long id;
    public String name;
  }

  public interface Products extends JpaRepository<Product, Long> {}

  @RestController
  static class ProductController {
    private final Products products;

    ProductController(Products products) {
      this.products = products;
    }

    @GetMapping("/products")
    List<Product> all() {
      return products.findAll();
    }
  }
}
