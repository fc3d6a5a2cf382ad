package dev.perfshop.server.catalog;

import dev.perfshop.server.system.Port;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generates the seed catalogue: 12 categories of 25 products each, with prices, stock, a few
 * reviews and a colour for the generated image. Deterministic (fixed seed), so every lab and every
 * reset has the same shop and scenario answers stay true.
 */
@Port
@Component
@Order(0)
public class CatalogSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(CatalogSeeder.class);

  static final long SEED = 20261124L;
  static final int PRODUCTS_PER_CATEGORY = 25;

  private record Kind(String slug, String name, String[] nouns) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              "books", "Books", new String[] {"Novel", "Cookbook", "Atlas", "Anthology", "Guide"}),
          new Kind(
              "music",
              "Music",
              new String[] {"Vinyl", "Guitar", "Ukulele", "Headphones", "Metronome"}),
          new Kind(
              "garden", "Garden", new String[] {"Trowel", "Planter", "Hose", "Seed Kit", "Pruner"}),
          new Kind(
              "kitchen",
              "Kitchen",
              new String[] {"Skillet", "Kettle", "Knife", "Teapot", "Blender"}),
          new Kind(
              "sports",
              "Sports",
              new String[] {"Racket", "Football", "Yoga Mat", "Dumbbell", "Helmet"}),
          new Kind("toys", "Toys", new String[] {"Puzzle", "Robot", "Kite", "Board Game", "Yo-yo"}),
          new Kind(
              "office",
              "Office",
              new String[] {"Notebook", "Stapler", "Desk Lamp", "Pen Set", "Planner"}),
          new Kind(
              "outdoor",
              "Outdoor",
              new String[] {"Tent", "Backpack", "Lantern", "Compass", "Canteen"}),
          new Kind(
              "computing",
              "Computing",
              new String[] {"Keyboard", "Mouse", "Monitor", "USB Hub", "Webcam"}),
          new Kind(
              "fashion", "Fashion", new String[] {"Scarf", "Jacket", "Sneakers", "Hat", "Wallet"}),
          new Kind("home", "Home", new String[] {"Cushion", "Rug", "Vase", "Clock", "Candle"}),
          new Kind("beauty", "Beauty", new String[] {"Soap", "Comb", "Lotion", "Mirror", "Brush"}));

  private static final String[] ADJECTIVES = {
    "Classic", "Compact", "Deluxe", "Eco", "Ergonomic", "Handmade", "Heavy-duty", "Lightweight",
    "Modern", "Nordic", "Pocket", "Premium", "Rustic", "Smart", "Vintage", "Wireless"
  };

  private static final String[] REVIEWERS = {
    "alice", "bob", "chloe", "david", "emma", "farid", "gina"
  };
  private static final String[] OPINIONS = {
    "Exactly as described.", "Good value for the price.", "Arrived quickly, well packed.",
    "Not bad, but a little smaller than expected.", "Would buy again.",
        "Stopped working after a week."
  };

  private final CategoryRepository categories;
  private final ProductRepository products;
  private final ReviewRepository reviews;
  private final Clock clock;

  CatalogSeeder(
      CategoryRepository categories,
      ProductRepository products,
      ReviewRepository reviews,
      Clock clock) {
    this.categories = categories;
    this.products = products;
    this.reviews = reviews;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (products.count() == 0) {
      seed();
    }
  }

  /**
   * Writes the seed over the catalogue: every seed product gets its seed name, price, stock… back
   * <em>under the same id</em> (scripts and scenario answers name products by id), products that
   * are not in the seed are deleted, reviews are seeded again. Callers remove rows that reference
   * products (orders, carts) first.
   */
  @Transactional
  public void reset() {
    reviews.deleteAllInBatch();
    Map<String, Product> existing = new HashMap<>();
    products.findAll().forEach(p -> existing.put(p.getSku(), p));
    seed(existing);
    if (!existing.isEmpty()) {
      products.deleteAllInBatch(existing.values());
    }
  }

  private void seed() {
    seed(new HashMap<>());
  }

  /** Seeds the catalogue; products found in {@code existing} (by SKU) are restored and removed. */
  private void seed(Map<String, Product> existing) {
    SplittableRandom random = new SplittableRandom(SEED);
    Instant base = clock.instant().minus(Duration.ofDays(365));
    List<Product> batch = new ArrayList<>();
    int n = 0;
    for (Kind kind : KINDS) {
      Category category =
          categories
              .findBySlug(kind.slug())
              .orElseGet(() -> categories.save(new Category(kind.slug(), kind.name())));
      for (int i = 0; i < PRODUCTS_PER_CATEGORY; i++) {
        n++;
        String noun = kind.nouns()[i % kind.nouns().length];
        String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
        String name = adjective + " " + noun + " " + (100 + n);
        BigDecimal price =
            BigDecimal.valueOf(199 + random.nextInt(49_800), 2)
                .setScale(2, RoundingMode.UNNECESSARY);
        int stock = random.nextInt(10) == 0 ? random.nextInt(3) : 5 + random.nextInt(200);
        String description =
            "A "
                + adjective.toLowerCase()
                + " "
                + noun.toLowerCase()
                + " from our "
                + kind.name().toLowerCase()
                + " range. Reference "
                + String.format("PS-%04d", n)
                + ".";
        Product seeded =
            new Product(
                String.format("PS-%04d", n),
                name,
                description,
                price,
                stock,
                category,
                random.nextInt(360),
                base.plus(Duration.ofHours(n * 7L)));
        Product current = existing.remove(seeded.getSku());
        if (current != null) {
          current.restore(seeded);
          batch.add(current);
        } else {
          batch.add(seeded);
        }
      }
    }
    List<Product> saved = products.saveAll(batch);
    List<Review> seededReviews = new ArrayList<>();
    for (Product p : saved) {
      int count = random.nextInt(4);
      for (int r = 0; r < count; r++) {
        seededReviews.add(
            new Review(
                p.getId(),
                REVIEWERS[random.nextInt(REVIEWERS.length)],
                1 + random.nextInt(5),
                OPINIONS[random.nextInt(OPINIONS.length)],
                p.getCreatedAt().plus(Duration.ofDays(1 + random.nextInt(30)))));
      }
    }
    reviews.saveAll(seededReviews);
    log.info(
        "seeded catalogue: {} categories, {} products, {} reviews",
        KINDS.size(),
        saved.size(),
        seededReviews.size());
  }
}
