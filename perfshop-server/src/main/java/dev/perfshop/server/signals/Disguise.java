package dev.perfshop.server.signals;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What students read instead of the chaos engine's own names. The embedded signals (profiles,
 * thread dumps, heap histograms) show each anomaly's code as the shop code a real defect of that
 * kind would live in — a CPU hog as recommendation ranking, a leak as a product-image cache, an
 * error as a stale catalogue cache lookup — and the engine's plumbing as a request-policy layer.
 * The instructor's views (the admin API, the audit, the server's own log) keep the truth.
 *
 * <p>One table, applied at the boundary where a signal leaves for the student page: a class of the
 * chaos package becomes its stand-in, a method of it becomes the stand-in's method, a thread name
 * that says {@code chaos} is renamed, and any free text (a thread dump) is rewritten the same way.
 * {@link #reveals(String)} is what the tests scan for.
 */
public final class Disguise {

  private static final String CHAOS = "dev.perfshop.server.chaos.";

  /** A stand-in: the class students see and the method every frame of it shows. */
  private record StandIn(String type, String method) {}

  private static final StandIn PIPELINE =
      new StandIn("dev.perfshop.server.system.RequestPolicyInterceptor", "handle");

  private static final Map<String, StandIn> STAND_INS =
      Map.ofEntries(
          Map.entry("CpuBurnAssault", stand("catalog.RecommendationRanker", "rank")),
          Map.entry("MemoryLeakAssault", stand("catalog.ProductImageCache", "put")),
          Map.entry("GcPressureAssault", stand("catalog.SearchIndexer", "rebuild")),
          Map.entry("LatencyAssault", stand("catalog.PriceServiceClient", "fetch")),
          Map.entry("Sleeper", stand("catalog.PriceServiceClient", "await")),
          Map.entry("SlowQueryAssault", stand("catalog.ProductDetailsLoader", "load")),
          Map.entry("PoolExhaustionAssault", stand("order.StockReservation", "reserve")),
          Map.entry("ThreadStarvationAssault", stand("order.InvoiceRenderer", "render")),
          Map.entry("ThreadLeakAssault", stand("order.ShipmentNotifier", "notifyCarrier")),
          Map.entry("LogFloodAssault", stand("cache.Refresher", "refresh")),
          Map.entry("ErrorRateAssault", stand("catalog.CatalogCache", "lookup")),
          Map.entry("ResponseCorruption", stand("system.ResponseCompressor", "write")),
          Map.entry("CardDataLogger", stand("order.Payments", "authorise")),
          Map.entry("ChaosDataSource", stand("system.MonitoredDataSource", "getConnection")),
          Map.entry("ChaosClock", stand("system.ShopClock", "instant")),
          Map.entry("ChaosFilter", stand("system.RequestPolicyFilter", "doFilter")));

  /** Words a student must never read in a signal (types are checked by the tests too). */
  private static final Pattern TELL_TALE =
      Pattern.compile("chaos|assault|anomal", Pattern.CASE_INSENSITIVE);

  private static final Pattern TELL_TALE_WORD =
      Pattern.compile("[\\w.$-]*(?:chaos|assault|anomal)[\\w.$-]*", Pattern.CASE_INSENSITIVE);

  private static final Pattern SOURCE_FILE = Pattern.compile("\\(([A-Za-z0-9_$]+)\\.java");

  private static final Pattern CHAOS_NAME =
      Pattern.compile(Pattern.quote(CHAOS) + "([A-Za-z0-9_$]+)(?:\\.([A-Za-z0-9_$<>]+))?");

  private Disguise() {}

  private static StandIn stand(String type, String method) {
    return new StandIn("dev.perfshop.server." + type, method);
  }

  /** {@code type.method} as students see it. */
  public static String frame(String type, String method) {
    if (type == null || !type.startsWith(CHAOS)) {
      return type + "." + method;
    }
    StandIn s = standIn(type);
    return s.type() + "." + s.method();
  }

  /** A class name as students see it (heap histograms, exception types). */
  public static String type(String type) {
    if (type == null || !type.startsWith(CHAOS)) {
      return type;
    }
    String simple = type.substring(CHAOS.length());
    int inner = simple.indexOf('$');
    StandIn s = standIn(type);
    return inner < 0 ? s.type() : s.type() + "$Entry";
  }

  /** A thread name as students see it. */
  public static String thread(String name) {
    if (name == null || !TELL_TALE.matcher(name).find()) {
      return name;
    }
    return "shop-maintenance-" + Integer.toHexString(name.hashCode() & 0xffff);
  }

  /** Free text (a thread dump, a histogram line): every chaos name rewritten. */
  public static String text(String text) {
    Matcher m = CHAOS_NAME.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      StandIn s = standIn(CHAOS + m.group(1));
      String replacement = m.group(2) == null ? s.type() : s.type() + "." + s.method();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    // Source file references of those frames: (CpuBurnAssault.java:31) ->
    // (RecommendationRanker.java:31)
    Matcher file = SOURCE_FILE.matcher(out.toString());
    out = new StringBuilder(out.length());
    while (file.find()) {
      StandIn s = standIn(CHAOS + file.group(1));
      String simple = s.type().substring(s.type().lastIndexOf('.') + 1);
      boolean engine = STAND_INS.containsKey(file.group(1)) || reveals(file.group(1));
      file.appendReplacement(
          out, Matcher.quoteReplacement(engine ? "(" + simple + ".java" : file.group()));
    }
    file.appendTail(out);
    // What is left (a thread called chaos-purge, a nested name) goes as a thread name would.
    Matcher rest = TELL_TALE_WORD.matcher(out);
    StringBuilder clean = new StringBuilder(out.length());
    while (rest.find()) {
      rest.appendReplacement(clean, Matcher.quoteReplacement(thread(rest.group())));
    }
    rest.appendTail(clean);
    return clean.toString();
  }

  /** Whether {@code text} names the chaos engine in any way the tests look for. */
  public static boolean reveals(String text) {
    return TELL_TALE.matcher(text.toLowerCase(Locale.ROOT)).find();
  }

  private static StandIn standIn(String type) {
    String simple = type.substring(CHAOS.length());
    int inner = simple.indexOf('$');
    if (inner >= 0) {
      simple = simple.substring(0, inner);
    }
    return STAND_INS.getOrDefault(simple, PIPELINE);
  }
}
