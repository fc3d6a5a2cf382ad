package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import dev.perfshop.server.support.ShopClient;
import dev.perfshop.server.support.TestAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The raw runtime, with no {@link Disguise} in between: what the lab's Pyroscope and OpenTelemetry
 * agents and any JFR or jcmd a student runs would read. For every chaos type of the catalogue,
 * enable it, drive shop traffic from a few clients, and meanwhile capture the JVM's own view —
 * thread stacks sampled with {@link Thread#getAllStackTraces()}, a JFR stream of execution,
 * allocation, park, monitor-wait and sleep samples, every thread's name, and the raw Logback events
 * (logger, thread, exception class and frames). None of it may name the engine ({@code chaos},
 * {@code assault}, {@code anomal}), and no shop frame or thread may carry the active type's name:
 * the anomalies run from shop-named code, as a real defect would. Only what happens while a type is
 * on and no admin call is in flight is judged (the instructor's own calls keep their names).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class RawRuntimeNamesTests {

  private static final Pattern ENGINE =
      Pattern.compile("chaos|assault|anomal", Pattern.CASE_INSENSITIVE);

  private static final Duration WINDOW = Duration.ofMillis(1200);
  private static final int CLIENTS = 4;
  private static final int MIN_SAMPLES = 10;
  private static final Duration MAX_EXTRA = Duration.ofSeconds(20);

  @LocalServerPort int port;

  /** One type's time on: only events inside it are judged. */
  record Window(String type, Pattern name, Instant from, Instant to) {}

  /** Something the raw runtime showed, with when and where. */
  record Sighting(Instant at, String source, String text) {}

  /**
   * Keeps what could name a type or the engine (judged against the windows at the end: JFR events
   * arrive late), and counts everything read.
   */
  static final class Sightings {
    final List<Sighting> suspicious = new CopyOnWriteArrayList<>();
    final AtomicLong read = new AtomicLong();

    /** Any type's name or the engine's words: one pass per sighting while sampling. */
    final Window any;

    Sightings(JsonNode catalog) {
      List<String> names = new ArrayList<>();
      for (JsonNode type : catalog) {
        names.add(typeName(type.path("type").asString()).pattern().substring(10));
      }
      any =
          new Window(
              "any",
              Pattern.compile("(?<![a-z])(?:" + String.join("|", names) + ")"),
              Instant.MIN,
              Instant.MAX);
    }

    void add(Sighting s) {
      read.incrementAndGet();
      if (reveals(s.text(), any)) {
        suspicious.add(s);
      }
    }
  }

  @Test
  void rawStacksThreadsAndLogsNameOnlyShopCode() throws Exception {
    ShopClient admin = new ShopClient(port);
    Map<String, String> token = Map.of(TestAdmin.HEADER, TestAdmin.TOKEN);
    JsonNode catalog = admin.send("GET", "/api/admin/chaos/catalog", null, null, token).json();

    Sightings sightings = new Sightings(catalog);
    Set<Long> own = ConcurrentHashMap.newKeySet();
    own.add(Thread.currentThread().threadId());
    RawLog log = new RawLog(sightings);
    List<Window> windows = new ArrayList<>();
    Map<String, Integer> samples = new LinkedHashMap<>();
    List<String> refused = new ArrayList<>();

    try (RecordingStream jfr = new RecordingStream();
        ExecutorService clients =
            Executors.newFixedThreadPool(
                CLIENTS,
                r -> {
                  Thread t = new Thread(r, "test-shopper");
                  own.add(t.threadId());
                  return t;
                })) {
      jfr.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      jfr.enable("jdk.ObjectAllocationSample");
      jfr.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(5)).withStackTrace();
      jfr.enable("jdk.JavaMonitorWait").withThreshold(Duration.ofMillis(5)).withStackTrace();
      jfr.enable("jdk.ThreadSleep").withThreshold(Duration.ofMillis(5)).withStackTrace();
      jfr.onEvent(e -> jfrEvent(e, own, sightings));
      jfr.startAsync();
      log.start();
      try {
        for (JsonNode type : catalog) {
          String id = type.path("type").asString();
          Map<String, Object> body = Map.of("level", 3, "probability", 1, "ttl", "2m");
          var enabled =
              admin.send("PUT", "/api/admin/chaos/" + id, body, "application/json", token);
          if (enabled.status() != 200) {
            refused.add(id + " " + enabled.status() + " " + enabled.body());
            continue;
          }
          // A scripting type's exercise is the header it names: only the engine's words there.
          boolean scripting = "scripting".equals(type.path("family").asString());
          Instant from = Instant.now();
          Instant until = from.plus(WINDOW);
          AtomicBoolean driving = new AtomicBoolean(true);
          var traffic = new ArrayList<java.util.concurrent.Future<?>>();
          for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            traffic.add(clients.submit(() -> shop(client, driving)));
          }
          // At least the window and at least MIN_SAMPLES samples (a loaded machine samples slowly).
          int taken = 0;
          while (Instant.now().isBefore(until)
              || (taken < MIN_SAMPLES && Instant.now().isBefore(until.plus(MAX_EXTRA)))) {
            stacks(own, sightings);
            taken++;
            Thread.sleep(10);
          }
          Instant to = Instant.now();
          driving.set(false);
          windows.add(new Window(id, scripting ? null : typeName(id), from, to));
          samples.put(id, taken);
          admin.send("POST", "/api/admin/chaos/halt", Map.of(), "application/json", token);
          for (var t : traffic) {
            t.get(30, TimeUnit.SECONDS);
          }
        }
      } finally {
        admin.send("POST", "/api/admin/chaos/halt", Map.of(), "application/json", token);
        log.stop();
      }
      jfr.stop(); // flushes what is left
    }

    Map<String, List<String>> leaks = new LinkedHashMap<>();
    for (Sighting s : sightings.suspicious) {
      for (Window w : windows) {
        String line = offending(s.text(), w);
        if (line != null && !s.at().isBefore(w.from()) && s.at().isBefore(w.to())) {
          List<String> found = leaks.computeIfAbsent(w.type(), k -> new ArrayList<>());
          String where = s.source() + ", " + s.text().lines().findFirst().orElse("") + ": " + line;
          if (found.size() < 5 && !found.contains(where)) {
            found.add(where);
          }
        }
      }
    }
    assertThat(refused).as("every catalogue type can be enabled on loopback").isEmpty();
    assertThat(windows).as("chaos types enabled and watched").hasSizeGreaterThan(20);
    assertThat(samples.values()).as("stack samples per type").allMatch(n -> n >= MIN_SAMPLES);
    assertThat(sightings.read.get())
        .as("raw stacks, samples and log events read")
        .isGreaterThan(1000);
    assertThat(leaks).as("raw frames, threads and log events naming the chaos").isEmpty();
  }

  /**
   * Words that give a type away in shop code: the engine's, and the type's own name in code form
   * ({@code cpu-burn} as {@code CpuBurn} or {@code cpuBurn}), starting a word.
   */
  static Pattern typeName(String id) {
    StringBuilder regex = new StringBuilder("(?<![a-z])");
    String[] parts = id.split("-");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (i > 0) {
        regex.append("[-_]?");
      }
      regex
          .append('[')
          .append(Character.toLowerCase(p.charAt(0)))
          .append(Character.toUpperCase(p.charAt(0)))
          .append(']')
          .append(Pattern.quote(p.substring(1)));
    }
    return Pattern.compile(regex.toString());
  }

  /** Shop frames and threads may not carry the type's name; nothing may carry the engine's. */
  static boolean reveals(String text, Window w) {
    return offending(text, w) != null;
  }

  /** The first line of {@code text} that names the engine or, in shop code, the type; or null. */
  static String offending(String text, Window w) {
    for (String part : text.split("\n")) {
      if (ENGINE.matcher(part).find()) {
        return part;
      }
      if (w.name() != null
          && (part.startsWith("dev.perfshop.")
              || part.startsWith("thread ")
              || part.startsWith("logger "))
          && w.name().matcher(part).find()) {
        return part;
      }
    }
    return null;
  }

  /** One sample of every server thread: its name and its frames, one per line. */
  static void stacks(Set<Long> own, Sightings sightings) {
    Instant at = Instant.now();
    for (var e : Thread.getAllStackTraces().entrySet()) {
      if (own.contains(e.getKey().threadId())) {
        continue;
      }
      StringBuilder text = new StringBuilder("thread ").append(e.getKey().getName());
      for (StackTraceElement f : e.getValue()) {
        text.append('\n').append(f.getClassName()).append('.').append(f.getMethodName());
      }
      sightings.add(new Sighting(at, "stack", text.toString()));
    }
  }

  static void jfrEvent(RecordedEvent e, Set<Long> own, Sightings sightings) {
    var thread =
        e.hasField("sampledThread")
            ? e.getThread("sampledThread")
            : e.hasField("eventThread") ? e.getThread("eventThread") : null;
    if (thread != null && own.contains(thread.getJavaThreadId())) {
      return;
    }
    StringBuilder text = new StringBuilder("thread ");
    text.append(thread == null ? "?" : thread.getJavaName());
    if (e.getStackTrace() != null) {
      for (RecordedFrame f : e.getStackTrace().getFrames()) {
        if (f.isJavaFrame()) {
          text.append('\n')
              .append(f.getMethod().getType().getName())
              .append('.')
              .append(f.getMethod().getName());
        }
      }
    }
    if (e.hasField("objectClass") && e.getClass("objectClass") != null) {
      text.append("\nobject ").append(e.getClass("objectClass").getName());
    }
    sightings.add(new Sighting(e.getStartTime(), e.getEventType().getName(), text.toString()));
  }

  /** A short journey through the catalogue and the cart, again and again while driving. */
  void shop(int client, AtomicBoolean driving) {
    HttpClient http = ShopClient.SHARED;
    String cookie = "";
    int i = 0;
    while (driving.get()) {
      i++;
      long product = 1 + (client * 7 + i) % 20;
      for (String path :
          List.of(
              "/api/products?size=5",
              "/api/products/" + product,
              "/api/categories",
              "/api/products?q=lamp",
              "/api/products/" + product + "/reviews.html",
              "/api/cart",
              "/api/auth/me")) {
        cookie = send(http, "GET", path, null, cookie);
      }
      cookie =
          send(
              http,
              "POST",
              "/api/cart/items",
              "{\"productId\":" + product + ",\"quantity\":1}",
              cookie);
    }
  }

  String send(HttpClient http, String method, String path, String json, String cookie) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(3));
    if (!cookie.isEmpty()) {
      b.header("Cookie", cookie);
    }
    if (json == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return r.headers()
          .firstValue("Set-Cookie")
          .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
          .orElse(cookie);
    } catch (java.io.IOException e) {
      return cookie; // refused, timed out or broken by an anomaly: the next request goes on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return cookie;
    }
  }

  /** The raw Logback events of the whole server: logger, thread, message, exception frames. */
  static final class RawLog extends AppenderBase<ILoggingEvent> {
    private final Sightings sightings;

    RawLog(Sightings sightings) {
      this.sightings = sightings;
    }

    @Override
    public void start() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      setContext(context);
      super.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
    }

    @Override
    public void stop() {
      ((LoggerContext) getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
      super.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder text =
          new StringBuilder("thread ")
              .append(event.getThreadName())
              .append("\nlogger ")
              .append(event.getLoggerName())
              .append("\nmessage ")
              .append(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append("\nexception ").append(t.getClassName()).append(": ").append(t.getMessage());
        for (StackTraceElementProxy f : t.getStackTraceElementProxyArray()) {
          StackTraceElement s = f.getStackTraceElement();
          text.append('\n').append(s.getClassName()).append('.').append(s.getMethodName());
        }
      }
      sightings.add(
          new Sighting(Instant.ofEpochMilli(event.getTimeStamp()), "log", text.toString()));
    }
  }
}
