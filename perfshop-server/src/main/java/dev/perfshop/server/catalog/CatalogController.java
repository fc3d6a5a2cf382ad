package dev.perfshop.server.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class CatalogController {

  private final CatalogService catalog;

  CatalogController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/products")
  PageView<ProductView> products(
      @RequestParam(name = "q", required = false) @Size(max = 100) String q,
      @RequestParam(name = "category", required = false) String category,
      @RequestParam(name = "sort", defaultValue = "name") String sort,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "20") int size) {
    Page<Product> result = catalog.search(q, category, sort, page, size);
    return new PageView<>(
        result.getContent().stream().map(p -> ProductView.of(p, catalog.shownPrice(p))).toList(),
        result.getNumber(),
        result.getSize(),
        result.getTotalElements(),
        result.getTotalPages());
  }

  @GetMapping("/products/{id}")
  ProductView product(@PathVariable("id") long id) {
    Product p = catalog.product(id);
    return ProductView.of(p, catalog.shownPrice(p));
  }

  @GetMapping(path = "/products/{id}/image", produces = "image/svg+xml")
  ResponseEntity<String> image(@PathVariable("id") long id) {
    Product p = catalog.product(id);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic())
        .contentType(MediaType.parseMediaType("image/svg+xml"))
        .body(ProductImage.svg(p));
  }

  @GetMapping("/categories")
  List<CategoryView> categories() {
    return catalog.categories().stream().map(CategoryView::of).toList();
  }

  @GetMapping("/products/{id}/reviews")
  List<ReviewView> reviews(@PathVariable("id") long id) {
    return catalog.reviews(id).stream().map(ReviewView::of).toList();
  }

  /** The reviews of a product as an HTML fragment page, escaped (unless stored-xss is active). */
  @GetMapping(path = "/products/{id}/reviews.html", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> reviewPage(@PathVariable("id") long id) {
    Product p = catalog.product(id);
    List<Review> list = catalog.reviews(id);
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(ReviewPage.render(p, list, catalog.reviewPageFlaw()));
  }

  @PostMapping(path = "/products/{id}/reviews", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  ReviewView addReview(@PathVariable("id") long id, @Valid @RequestBody NewReview review) {
    return ReviewView.of(catalog.addReview(id, review.author(), review.rating(), review.body()));
  }

  record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {}

  record CategoryView(long id, String slug, String name) {
    static CategoryView of(Category c) {
      return new CategoryView(c.getId(), c.getSlug(), c.getName());
    }
  }

  record ProductView(
      long id,
      String sku,
      String name,
      String description,
      BigDecimal price,
      int stock,
      String category,
      String imageUrl) {
    static ProductView of(Product p, BigDecimal shownPrice) {
      return new ProductView(
          p.getId(),
          p.getSku(),
          p.getName(),
          p.getDescription(),
          shownPrice,
          p.getStock(),
          p.getCategory().getSlug(),
          "/api/products/" + p.getId() + "/image");
    }
  }

  record ReviewView(
      long id, long productId, String author, int rating, String body, Instant createdAt) {
    static ReviewView of(Review r) {
      return new ReviewView(
          r.getId(), r.getProductId(), r.getAuthor(), r.getRating(), r.getBody(), r.getCreatedAt());
    }
  }

  record NewReview(
      @NotBlank @Size(max = 64) String author,
      @NotNull @Min(1) @Max(5) Integer rating,
      @NotBlank @Size(max = 2000) String body) {}
}
