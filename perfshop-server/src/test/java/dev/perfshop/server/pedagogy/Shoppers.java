package dev.perfshop.server.pedagogy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner's synthetic shoppers (perfshop-cli's TrafficGenerator journeys): browse (a catalogue
 * page, a product, its reviews), search (a query, a product) and checkout (a catalogue page, an
 * item in the cart, a guest order), started at {@code rate} journeys per second in the given mix,
 * on virtual threads, until closed. A journey stops at its first failed request, as a customer
 * would.
 */
final class Shoppers implements AutoCloseable {

  static final String CHECKOUT =
      """
      {"email":"shopper@example.test",\
      "shippingAddress":{"name":"Synthetic Shopper","line1":"1 Load Street","city":"Lyon",\
      "postalCode":"69001","country":"FR"},\
      "payment":{"cardNumber":"4242424242424242","expiry":"12/39","cvc":"123"}}""";

  private static final String[] WORDS = {"mug", "lamp", "book", "shirt", "chair", "pen"};
  private static final Pattern ID = Pattern.compile("\\{\"id\":(\\d+)");
  private static final int MAX_IN_FLIGHT = 200;

  private final String base;
  private final double rate;
  private final int browse;
  private final int search;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong journeys = new AtomicLong();
  private final Thread pacer;
  private volatile boolean stopped;

  Shoppers(String base, double rate, int browse, int search, int checkout, long seed) {
    this.base = base;
    this.rate = rate;
    this.browse = browse;
    this.search = search;
    SplittableRandom random = new SplittableRandom(seed);
    this.pacer = Thread.ofPlatform().name("solver-shoppers").daemon().start(() -> pace(random));
  }

  long journeys() {
    return journeys.get();
  }

  private void pace(SplittableRandom random) {
    long next = System.nanoTime();
    while (!stopped) {
      long now = System.nanoTime();
      if (next > now) {
        try {
          Thread.sleep(Duration.ofNanos(Math.min(next - now, 50_000_000L)));
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      next += (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
      int pick = random.nextInt(100);
      SplittableRandom journey = random.split();
      if (!inFlight.tryAcquire()) {
        continue;
      }
      pool.submit(
          () -> {
            try {
              journeys.incrementAndGet();
              journey(
                  pick < browse ? "browse" : pick < browse + search ? "search" : "checkout",
                  journey);
            } catch (RuntimeException | java.io.IOException e) {
              // a failed journey ends there
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              inFlight.release();
            }
          });
    }
  }

  private void journey(String kind, SplittableRandom random)
      throws java.io.IOException, InterruptedException {
    Map<String, String> cookies = new HashMap<>();
    switch (kind) {
      case "browse" -> {
        long id =
            anyId(
                send(cookies, "GET", "/api/products?size=20&page=" + random.nextInt(10), null),
                random);
        if (id > 0 && send(cookies, "GET", "/api/products/" + id, null) != null) {
          send(cookies, "GET", "/api/products/" + id + "/reviews", null);
        }
      }
      case "search" -> {
        long id =
            anyId(
                send(
                    cookies, "GET", "/api/products?q=" + WORDS[random.nextInt(WORDS.length)], null),
                random);
        if (id > 0) {
          send(cookies, "GET", "/api/products/" + id, null);
        }
      }
      default -> {
        long id =
            anyId(
                send(cookies, "GET", "/api/products?size=50&page=" + random.nextInt(6), null),
                random);
        if (id > 0
            && send(cookies, "POST", "/api/cart/items", "{\"productId\":" + id + ",\"quantity\":1}")
                != null) {
          send(cookies, "POST", "/api/orders", CHECKOUT);
        }
      }
    }
  }

  private static long anyId(String page, SplittableRandom random) {
    if (page == null) {
      return -1;
    }
    Matcher m = ID.matcher(page);
    java.util.List<Long> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids.isEmpty() ? -1 : ids.get(random.nextInt(ids.size()));
  }

  /** The body of a 2xx answer, else null (the journey stops). */
  private String send(Map<String, String> cookies, String method, String path, String json)
      throws java.io.IOException, InterruptedException {
    if (stopped) {
      return null;
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (!cookies.isEmpty()) {
      b.header(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    if (json != null) {
      b.header("Content-Type", "application/json")
          .header("Idempotency-Key", UUID.randomUUID().toString());
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    for (String c : res.headers().allValues("Set-Cookie")) {
      String pair = c.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    return res.statusCode() < 400 ? res.body() : null;
  }

  @Override
  public void close() {
    stopped = true;
    pacer.interrupt();
    try {
      pacer.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdown();
    try {
      pool.awaitTermination(40, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
  }
}
