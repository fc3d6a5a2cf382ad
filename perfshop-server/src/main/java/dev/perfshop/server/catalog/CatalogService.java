package dev.perfshop.server.catalog;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of the catalogue, and reviews. */
@Service
public class CatalogService {

  public static final int MAX_PAGE_SIZE = 100;

  /** Sort keys accepted by the API, mapped to entity properties; anything else is refused. */
  static final Map<String, Sort> SORTS =
      Map.of(
          "name", Sort.by("name").and(Sort.by("id")),
          "price", Sort.by("price").and(Sort.by("id")),
          "-price", Sort.by(Sort.Direction.DESC, "price").and(Sort.by("id")),
          "newest",
              Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "id")));

  private final ProductRepository products;
  private final CategoryRepository categories;
  private final ReviewRepository reviews;
  private final Clock clock;
  private final CatalogFaults faults;
  private final InjectableSearch injectable;

  CatalogService(
      ProductRepository products,
      CategoryRepository categories,
      ReviewRepository reviews,
      Clock clock,
      ObjectProvider<CatalogFaults> faults,
      InjectableSearch injectable) {
    this.products = products;
    this.categories = categories;
    this.reviews = reviews;
    this.clock = clock;
    this.faults = faults.getIfAvailable(() -> CatalogFaults.NONE);
    this.injectable = injectable;
  }

  @Transactional(readOnly = true)
  public Page<Product> search(String text, String category, String sort, int page, int size) {
    int injection = faults.injectableSearch();
    if (injection > 0) {
      return vulnerableSearch(text, category, sort, page, size, injection);
    }
    Sort order = SORTS.get(sort);
    if (order == null) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "sort must be one of " + String.join(", ", SORTS.keySet().stream().sorted().toList()));
    }
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new ApiException(
          ProblemType.VALIDATION, "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
    }
    Category in =
        category == null
            ? null
            : categories
                .findBySlug(category)
                .orElseThrow(() -> ApiException.notFound("category", category));
    String searched = faults.searchText(text);
    String like =
        searched == null || searched.isBlank()
            ? null
            : "%" + escapeLike(searched.strip().toLowerCase(Locale.ROOT)) + "%";
    Pageable requested = PageRequest.of(page, size, order);
    return faults.result(fetch(like, category, in, faults.page(requested)), requested);
  }

  /** The text search's catch-all query only when there is a text: listings have their own. */
  private Page<Product> fetch(String like, String slug, Category category, Pageable page) {
    if (like != null) {
      return products.search(like, slug, page);
    }
    return category == null ? products.page(page) : products.inCategory(category, page);
  }

  /**
   * The search while the sql-injection anomaly is active: validation is relaxed level by level and
   * the SQL is concatenated ({@link InjectableSearch}).
   */
  private Page<Product> vulnerableSearch(
      String text, String category, String sort, int page, int size, int level) {
    if (level < 5 && !SORTS.containsKey(sort)) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "sort must be one of " + String.join(", ", SORTS.keySet().stream().sorted().toList()));
    }
    int maxSize = level >= 4 ? 10_000 : MAX_PAGE_SIZE;
    if (page < 0 || size < 1 || size > maxSize) {
      throw new ApiException(
          ProblemType.VALIDATION, "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
    }
    if (level < 3 && category != null && categories.findBySlug(category).isEmpty()) {
      throw ApiException.notFound("category", category);
    }
    return injectable.search(text, category, sort, page, size, level);
  }

  /** The price product pages show (the current price, unless stale-prices acts). */
  public java.math.BigDecimal shownPrice(Product product) {
    return faults.shownPrice(product.getPrice());
  }

  /** 0, or the escaping flaw level of the rendered review page. */
  public int reviewPageFlaw() {
    return faults.reviewPageFlaw();
  }

  @Transactional(readOnly = true)
  public Product product(long id) {
    return products.findWithCategory(id).orElseThrow(() -> ApiException.notFound("product", id));
  }

  @Transactional(readOnly = true)
  public List<Category> categories() {
    return categories.findAllByOrderByNameAsc();
  }

  @Transactional(readOnly = true)
  public List<Review> reviews(long productId) {
    product(productId);
    return reviews.findByProductIdOrderByCreatedAtDescIdDesc(productId);
  }

  @Transactional
  public Review addReview(long productId, String author, int rating, String body) {
    product(productId);
    return reviews.save(
        new Review(productId, author.strip(), rating, body.strip(), clock.instant()));
  }

  /**
   * LIKE wildcards typed by a user are searched for literally ({@code !} escapes, see the query).
   */
  static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
