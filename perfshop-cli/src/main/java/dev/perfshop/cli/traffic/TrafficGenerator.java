package dev.perfshop.cli.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Synthetic shoppers with an open-model arrival rate: journeys start on a Poisson schedule drawn
 * from the seed, whatever the server's speed, each on its own virtual thread, and every request is
 * timed from the moment it was meant to start. A slow server therefore shows as high latency, not
 * as fewer requests (no coordinated omission).
 */
public final class TrafficGenerator {

  /** Share of each journey, in percent. */
  public record Mix(int browse, int search, int checkout) {
    public Mix {
      if (browse < 0 || search < 0 || checkout < 0 || browse + search + checkout != 100) {
        throw new IllegalArgumentException("the mix must add up to 100 (browse, search, checkout)");
      }
    }
  }

  /** Live figures for the status line. */
  public record Progress(
      double seconds, long journeys, long requests, long errors, long inFlight) {}

  static final int MAX_IN_FLIGHT = 2000;
  private static final String[] WORDS = {
    "lamp", "kettle", "guitar", "puzzle", "tent", "scarf", "mouse", "novel", "soap", "planter",
    "eco", "vintage"
  };
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern IN_STOCK =
      Pattern.compile("\"id\"\\s*:\\s*(\\d+)[^}]*?\"stock\"\\s*:\\s*([1-9]\\d*)");

  private final URI base;
  private final HttpClient http;
  private final boolean correlate;
  private final Duration thinkTime;
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> routeErrors = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> reasons = new ConcurrentHashMap<>();
  private final AtomicLong journeys = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private volatile double rate;
  private volatile Mix mix;
  private volatile boolean stopped;
  private volatile String session;

  public TrafficGenerator(URI base, double rate, Mix mix, boolean correlate, Duration thinkTime) {
    this.base = base;
    this.rate = rate;
    this.mix = mix;
    this.correlate = correlate;
    this.thinkTime = thinkTime;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Tags every journey with a class session (the {@code perfshop_session} cookie): the server then
   * counts this traffic in that session's statistics and applies that session's scoped anomalies.
   */
  public TrafficGenerator forSession(String sessionId) {
    this.session = sessionId;
    return this;
  }

  /** Changes the arrival rate and mix of a running generator. */
  public void change(double newRate, Mix newMix) {
    this.rate = newRate;
    if (newMix != null) {
      this.mix = newMix;
    }
  }

  public void stop() {
    stopped = true;
  }

  /**
   * Generates traffic for {@code duration} (or until {@link #stop()}), calling {@code progress}
   * about once a second, then waits for journeys in flight and returns the report.
   */
  public TrafficReport run(Duration duration, long seed, Consumer<Progress> progress) {
    SplittableRandom random = new SplittableRandom(seed);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long next = start;
    long lastProgress = start;
    try (ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
      while (!stopped && next < end) {
        long now = System.nanoTime();
        if (now - lastProgress >= 1_000_000_000L) {
          progress.accept(progress(start));
          lastProgress = now;
        }
        if (next > now) {
          sleepNanos(Math.min(next - now, 100_000_000L));
          continue;
        }
        long intended = next;
        double r = rate;
        next += (long) (-Math.log(1 - random.nextDouble()) / Math.max(r, 0.001) * 1e9);
        if (r <= 0) {
          continue;
        }
        long journeySeed = random.nextLong();
        int pick = random.nextInt(100);
        Mix m = mix;
        if (!inFlight.tryAcquire()) {
          dropped.incrementAndGet();
          continue;
        }
        shoppers.submit(
            () -> {
              try {
                journey(
                    pick < m.browse()
                        ? "browse"
                        : pick < m.browse() + m.search() ? "search" : "checkout",
                    intended,
                    new SplittableRandom(journeySeed));
              } finally {
                inFlight.release();
              }
            });
      }
    }
    progress.accept(progress(start));
    return report((System.nanoTime() - start) / 1e9);
  }

  private Progress progress(long start) {
    return new Progress(
        (System.nanoTime() - start) / 1e9,
        journeys.get(),
        requests.get(),
        errors.get(),
        MAX_IN_FLIGHT - inFlight.availablePermits());
  }

  private void journey(String kind, long intended, SplittableRandom random) {
    journeys.incrementAndGet();
    Shopper shopper = new Shopper(http, base, correlate, session);
    try {
      switch (kind) {
        case "browse" -> {
          String list =
              call(
                  shopper,
                  intended,
                  "GET",
                  "/api/products?size=20&page=" + random.nextInt(10),
                  "GET /api/products",
                  null,
                  Map.of());
          long id = anyId(list, random);
          if (id > 0) {
            call(
                shopper,
                think(random),
                "GET",
                "/api/products/" + id,
                "GET /api/products/{id}",
                null,
                Map.of());
            call(
                shopper,
                think(random),
                "GET",
                "/api/products/" + id + "/reviews",
                "GET /api/products/{id}/reviews",
                null,
                Map.of());
          }
        }
        case "search" -> {
          String found =
              call(
                  shopper,
                  intended,
                  "GET",
                  "/api/products?q=" + WORDS[random.nextInt(WORDS.length)],
                  "GET /api/products",
                  null,
                  Map.of());
          long id = anyId(found, random);
          if (id > 0) {
            call(
                shopper,
                think(random),
                "GET",
                "/api/products/" + id,
                "GET /api/products/{id}",
                null,
                Map.of());
          }
        }
        default -> {
          String list =
              call(
                  shopper,
                  intended,
                  "GET",
                  "/api/products?size=50&page=" + random.nextInt(6),
                  "GET /api/products",
                  null,
                  Map.of());
          long id = inStockId(list, random);
          if (id > 0) {
            call(
                shopper,
                think(random),
                "POST",
                "/api/cart/items",
                "POST /api/cart/items",
                "{\"productId\":" + id + ",\"quantity\":1}",
                Map.of());
            call(
                shopper,
                think(random),
                "POST",
                "/api/orders",
                "POST /api/orders",
                Checkout.BODY,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
          }
        }
      }
    } catch (JourneyAborted e) {
      // The journey stops at its first failed request, as a real customer would.
    }
  }

  private long think(SplittableRandom random) {
    long t = thinkTime.isZero() ? 0 : random.nextLong(thinkTime.toNanos() + 1);
    sleepNanos(t);
    return System.nanoTime();
  }

  private String call(
      Shopper shopper,
      long intended,
      String method,
      String path,
      String route,
      String body,
      Map<String, String> headers) {
    requests.incrementAndGet();
    Shopper.Reply reply;
    try {
      reply = shopper.send(method, path, body, headers);
    } catch (IOException e) {
      fail(route, intended, "connection: " + e.getClass().getSimpleName());
      throw new JourneyAborted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JourneyAborted();
    }
    record(route, intended);
    if (reply.status() >= 400) {
      countError(route, reply.status() + problemType(reply.body()));
      throw new JourneyAborted();
    }
    return reply.body();
  }

  private void fail(String route, long intended, String reason) {
    record(route, intended);
    countError(route, reason);
  }

  private void countError(String route, String reason) {
    errors.incrementAndGet();
    routeErrors.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
    reasons.computeIfAbsent(route + " → " + reason, r -> new AtomicLong()).incrementAndGet();
  }

  private void record(String route, long intended) {
    long micros = Math.max(1, (System.nanoTime() - intended) / 1000);
    latency
        .computeIfAbsent(route, r -> new ConcurrentHistogram(1, 600_000_000L, 2))
        .recordValue(Math.min(micros, 600_000_000L));
  }

  private TrafficReport report(double seconds) {
    List<TrafficReport.RouteReport> routes = new ArrayList<>();
    new TreeMap<>(latency)
        .forEach(
            (route, h) ->
                routes.add(
                    new TrafficReport.RouteReport(
                        route,
                        h.getTotalCount(),
                        routeErrors.getOrDefault(route, new AtomicLong()).get(),
                        h.getTotalCount() / Math.max(seconds, 0.001),
                        ms(h.getValueAtPercentile(50)),
                        ms(h.getValueAtPercentile(95)),
                        ms(h.getValueAtPercentile(99)),
                        ms(h.getMaxValue()))));
    List<String> notes = new ArrayList<>();
    new TreeMap<>(reasons).forEach((reason, n) -> notes.add(n.get() + "× " + reason));
    if (!correlate
        && reasons.keySet().stream().anyMatch(r -> r.contains(" → 403") || r.contains(" → 428"))) {
      notes.add(
          "requests were refused for missing tokens: rerun with --correlate to send back the X-*-Token headers the server hands out");
    }
    if (dropped.get() > 0) {
      notes.add(
          dropped.get()
              + " arrivals dropped: more than "
              + MAX_IN_FLIGHT
              + " journeys were in flight (the server is saturated)");
    }
    return new TrafficReport(
        seconds,
        journeys.get(),
        requests.get(),
        errors.get(),
        requests.get() / Math.max(seconds, 0.001),
        routes,
        notes);
  }

  private static String problemType(String body) {
    if (body == null) {
      return "";
    }
    Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/problems/([a-z0-9-]+)\"").matcher(body);
    return m.find() ? " " + m.group(1) : "";
  }

  private static long anyId(String json, SplittableRandom random) {
    List<Long> ids = new ArrayList<>();
    Matcher m = ID.matcher(json);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids.isEmpty() ? -1 : ids.get(random.nextInt(ids.size()));
  }

  private static long inStockId(String json, SplittableRandom random) {
    List<Long> ids = new ArrayList<>();
    Matcher m = IN_STOCK.matcher(json);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids.isEmpty() ? -1 : ids.get(random.nextInt(ids.size()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class JourneyAborted extends RuntimeException {
    JourneyAborted() {
      super(null, null, false, false);
    }
  }
}
