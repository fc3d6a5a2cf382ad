package dev.perfshop.server.chaos;

import static dev.perfshop.server.chaos.ChaosFamily.BUSINESS;
import static dev.perfshop.server.chaos.ChaosFamily.FUNCTIONAL;
import static dev.perfshop.server.chaos.ChaosFamily.INFRASTRUCTURE;
import static dev.perfshop.server.chaos.ChaosFamily.PERFORMANCE;
import static dev.perfshop.server.chaos.ChaosFamily.SCRIPTING;
import static dev.perfshop.server.chaos.ChaosFamily.SECURITY;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fixed catalogue of chaos types. The admin API accepts only these names: never a class name,
 * an expression or anything else. Each type says, per level, what it does and how often it fires
 * (the default probability, which an activation may override).
 */
public enum ChaosType {
  // ---- performance
  LATENCY(
      "latency",
      PERFORMANCE,
      "Adds a delay (with jitter) before the handler runs; the request thread sleeps until a"
          + " System.nanoTime() deadline, never less than the delay drawn.",
      p(0.25, 0.5, 0.75, 1, 1),
      "100 ms ± 20 % on 25 % of requests",
      "300 ms ± 20 % on 50 % of requests",
      "800 ms ± 25 % on 75 % of requests",
      "2 s ± 25 % on every request",
      "5 s ± 30 % on every request (any delay is capped at 30 s)"),
  CPU_BURN(
      "cpu-burn",
      PERFORMANCE,
      "Burns real CPU (SHA-256 rounds) on the request thread; visible in a CPU profile as"
          + " CpuBurnAssault.burn. At most one burner per core but one; 3 s wall time per request at most.",
      p(0.25, 0.5, 0.75, 1, 1),
      "20 ms of CPU on 25 % of requests",
      "50 ms of CPU on 50 % of requests",
      "150 ms of CPU on 75 % of requests",
      "400 ms of CPU on every request",
      "1 s of CPU on every request"),
  MEMORY_LEAK(
      "memory-leak",
      PERFORMANCE,
      "Retains real heap on every hit, as a cache that never evicts would. The retained total is"
          + " capped (never over 50 % of the max heap) and released on disable, halt or expiry.",
      p(1, 1, 1, 1, 1),
      "64 KiB per request, up to 5 % of the max heap",
      "256 KiB per request, up to 10 % of the max heap",
      "1 MiB per request, up to 20 % of the max heap",
      "4 MiB per request, up to 35 % of the max heap",
      "16 MiB per request, up to 50 % of the max heap"),
  GC_PRESSURE(
      "gc-pressure",
      PERFORMANCE,
      "Allocates short-lived garbage on the request thread: young-generation collections and"
          + " allocation rate rise, nothing is retained.",
      p(0.5, 1, 1, 1, 1),
      "4 MiB of garbage on 50 % of requests",
      "8 MiB of garbage per request",
      "32 MiB of garbage per request",
      "64 MiB of garbage per request",
      "128 MiB of garbage per request"),
  SLOW_QUERY(
      "slow-query",
      PERFORMANCE,
      "Runs an expensive unindexed self-join over the products table on the real database before"
          + " the handler (visible in DB metrics and traces as a slow statement).",
      p(0.25, 0.5, 0.75, 1, 1),
      "join over 25 products on 25 % of requests",
      "join over 50 products on 50 % of requests",
      "join over 100 products on 75 % of requests",
      "join over 200 products on every request",
      "join over every product, twice, on every request"),
  POOL_EXHAUSTION(
      "pool-exhaustion",
      PERFORMANCE,
      "Matched requests borrow extra real Hikari connections and hold them for 2 s, so other"
          + " requests wait for a connection. Bounded; released on disable, halt or expiry.",
      p(0.5, 0.5, 1, 1, 1),
      "up to 20 % of the pool held at once",
      "up to 40 % of the pool held at once",
      "up to 60 % of the pool held at once",
      "up to 80 % of the pool held at once",
      "the whole pool held at once"),
  THREAD_STARVATION(
      "thread-starvation",
      PERFORMANCE,
      "Matched requests serialise on a shared lock around 50 ms of work, as around a legacy"
          + " synchronized cache: request threads pile up WAITING (visible in a thread dump).",
      p(1, 1, 1, 1, 1),
      "8 requests at a time through the lock",
      "4 requests at a time",
      "2 requests at a time",
      "1 request at a time",
      "1 request at a time, 200 ms of work each"),
  SLOW_DEPENDENCY(
      "slow-dependency",
      PERFORMANCE,
      "A downstream dependency (the payment gateway of checkout) answers slowly: the wait shows"
          + " as time spent around the gateway call in traces.",
      p(0.5, 1, 1, 1, 1),
      "+200 ms on half of the calls",
      "+500 ms on every call",
      "+1 s on every call",
      "+3 s on every call",
      "+8 s on every call"),
  // ---- functional
  ERROR_RATE(
      "error-rate",
      FUNCTIONAL,
      "Throws a real exception from the request path: the client gets a 500 problem and the log"
          + " an ERROR with its stack trace.",
      p(0.02, 0.05, 0.15, 0.3, 0.6),
      "2 % of requests fail",
      "5 % of requests fail",
      "15 % of requests fail",
      "30 % of requests fail",
      "60 % of requests fail"),
  WRONG_STATUS(
      "wrong-status",
      FUNCTIONAL,
      "Successful JSON responses carry a wrong status code with their normal body.",
      p(0.2, 0.3, 0.3, 0.5, 1),
      "203 instead of 200 on 20 % of responses",
      "201 and 200 swapped on 30 % of responses",
      "404 with the normal body on 30 % of responses",
      "500 with the normal body on 50 % of responses",
      "503 with the normal body on every response"),
  BROKEN_PAGINATION(
      "broken-pagination",
      FUNCTIONAL,
      "The catalogue search pages wrongly (inside CatalogService).",
      p(1, 1, 1, 1, 1),
      "totalItems is one too high (a phantom last item)",
      "each page after the first starts one item early (duplicates across pages)",
      "pages overlap by half a page",
      "every page returns the first page",
      "pages after the first are empty and totalPages is 1"),
  BROKEN_SEARCH(
      "broken-search",
      FUNCTIONAL,
      "The catalogue text search (q) misbehaves (inside CatalogService).",
      p(1, 1, 1, 1, 1),
      "the last character of the query is dropped",
      "only the first 3 characters of the query are searched",
      "the query is searched reversed",
      "the query is ignored (every product matches)",
      "nothing ever matches"),
  STALE_PRICES(
      "stale-prices",
      FUNCTIONAL,
      "Product pages (listing and detail) show a stale price from an outdated cache, while the"
          + " cart and checkout use the current one: the two disagree.",
      p(1, 1, 1, 1, 1),
      "shown price 2 % above the current one",
      "shown price 5 % above",
      "shown price 10 % above",
      "shown price 20 % below",
      "shown price 50 % below"),
  RESPONSE_CORRUPTION(
      "response-corruption",
      FUNCTIONAL,
      "JSON response bodies are damaged on the wire after the handler produced them.",
      p(0.2, 0.3, 0.5, 0.75, 1),
      "one field name changes case on 20 % of responses",
      "the Content-Type becomes text/plain on 30 % of responses",
      "the body is cut at 90 % on 50 % of responses",
      "the body is cut at half on 75 % of responses",
      "10 % of the body bytes are replaced with garbage on every response"),
  // ---- business (hooked into pricing and checkout)
  PRICE_ROUNDING(
      "price-rounding",
      BUSINESS,
      "Line prices are rounded wrongly in pricing.",
      p(1, 1, 1, 1, 1),
      "unit prices rounded to 5 cents",
      "unit prices truncated to 10 cents",
      "unit prices rounded to the unit",
      "unit prices truncated to the unit",
      "unit prices truncated to 10 units"),
  WRONG_TAX(
      "wrong-tax",
      BUSINESS,
      "Tax is computed with a wrong rate.",
      p(1, 1, 1, 1, 1),
      "rate off by 0.5 point",
      "rate off by 1 point",
      "half the rate",
      "tax applied twice",
      "no tax at all"),
  DOUBLE_DISCOUNT(
      "double-discount",
      BUSINESS,
      "Discounts are applied more than once (hook ready; the shop has no discounts yet).",
      p(0.1, 0.25, 0.5, 1, 1),
      "on 10 % of orders",
      "on 25 % of orders",
      "on 50 % of orders",
      "on every order",
      "on every order, and per line as well as per order"),
  OVERSELL(
      "oversell",
      BUSINESS,
      "The stock check is skipped (a stock race): orders can exceed stock; data reset repairs.",
      p(0.1, 0.25, 0.5, 1, 1),
      "on 10 % of checkouts",
      "on 25 % of checkouts",
      "on 50 % of checkouts",
      "on every checkout",
      "on every checkout, and stock is not decremented"),
  TOTAL_MISMATCH(
      "total-mismatch",
      BUSINESS,
      "The order total differs from the sum of its lines.",
      p(0.1, 0.25, 0.5, 1, 1),
      "off by 1 cent on 10 % of orders",
      "off by 1 cent on 25 % of orders",
      "shipping counted twice on 50 % of orders",
      "last line left out of the total",
      "tax and shipping left out of the total"),
  // ---- security (only when the safety mode allows)
  MISSING_SECURITY_HEADERS(
      "missing-security-headers",
      SECURITY,
      "Security response headers disappear.",
      p(1, 1, 1, 1, 1),
      "Permissions-Policy missing",
      "also Referrer-Policy missing",
      "also X-Content-Type-Options missing",
      "also X-Frame-Options missing",
      "also Content-Security-Policy missing (no security header left)"),
  IDOR(
      "idor",
      SECURITY,
      "Insecure direct object reference on orders: GET /api/orders/{id} stops checking that the"
          + " order belongs to the signed-in customer.",
      p(1, 1, 1, 1, 1),
      "GET /api/orders/{id} serves other customers' orders placed in the last hour",
      "… placed in the last 24 h",
      "… placed in the last 7 days",
      "… placed in the last 30 days",
      "… any order, guest orders included"),
  VERBOSE_ERRORS(
      "verbose-errors",
      SECURITY,
      "Error responses leak internals.",
      p(1, 1, 1, 1, 1),
      "the exception class name",
      "also the exception message",
      "also the top 5 stack frames",
      "also the whole stack trace with causes",
      "also the Java, server and database versions"),
  SQL_INJECTION(
      "sql-injection",
      SECURITY,
      "The catalogue search (GET /api/products) builds a native SQL query by string"
          + " concatenation on the shop schema: a real, exploitable injection.",
      p(1, 1, 1, 1, 1),
      "q concatenated; database errors hidden (blind injection)",
      "also database error messages in the problem detail (error-based)",
      "also category concatenated",
      "also the page size limit ignored (up to 10000 rows)",
      "also an unknown sort concatenated into ORDER BY"),
  STORED_XSS(
      "stored-xss",
      SECURITY,
      "The rendered review page (GET /api/products/{id}/reviews.html) stops escaping stored"
          + " reviews.",
      p(1, 1, 1, 1, 1),
      "author names not escaped",
      "bodies not escaped, but a naive filter removes <script",
      "author and body not escaped at all",
      "also the page's Content-Security-Policy dropped",
      "also the page's X-Content-Type-Options and X-Frame-Options dropped"),
  CARD_DATA_IN_LOGS(
      "card-data-in-logs",
      SECURITY,
      "Request bodies carrying payment card fields are written to the application log.",
      p(1, 1, 1, 1, 1),
      "card number with first 6 and last 4 digits",
      "full card number",
      "also the expiry date",
      "also the security code (CVV)",
      "the whole request body"),
  // ---- scripting (what load-test scripts must correlate)
  CSRF_TOKEN(
      "csrf-token",
      SCRIPTING,
      "Responses carry X-CSRF-Token; unsafe requests (POST, PUT, PATCH, DELETE) must send one"
          + " the server issued.",
      p(1, 1, 1, 1, 1),
      "token valid 10 min, reusable",
      "token valid 2 min, reusable",
      "token valid 2 min, single use",
      "token valid 60 s, single use, required on GET too",
      "token valid 15 s, single use, required on GET too"),
  SESSION_TOKEN(
      "session-token",
      SCRIPTING,
      "Responses carry a rotating X-Session-Token; every request must send a current one.",
      p(1, 1, 1, 1, 1),
      "token valid 10 min, reusable",
      "token valid 2 min, reusable",
      "token valid 60 s, single use (use the newest)",
      "token valid 20 s, single use",
      "token valid 5 s, single use"),
  STEP_TOKEN(
      "step-token",
      SCRIPTING,
      "Each response carries X-Step-Token with the next step number; the next request must send"
          + " it: a chain a script has to follow step by step.",
      p(1, 1, 1, 1, 1),
      "chain enforced on unsafe requests, tokens valid 10 min",
      "chain enforced on unsafe requests, tokens valid 2 min",
      "chain enforced on every request, tokens valid 2 min",
      "chain enforced on every request, tokens valid 30 s",
      "chain enforced on every request, tokens valid 10 s"),
  ACTION_TOKEN(
      "action-token",
      SCRIPTING,
      "Safe responses (GET) carry X-Action-Token; each unsafe request needs a fresh, never used"
          + " one.",
      p(1, 1, 1, 1, 1),
      "single use, valid 10 min",
      "single use, valid 2 min",
      "single use, valid 60 s",
      "single use, valid 20 s",
      "single use, valid 5 s"),
  BODY_SIGNATURE(
      "body-signature",
      SCRIPTING,
      "Responses carry X-Key-Hint; unsafe requests (POST, PUT, PATCH, DELETE) must carry"
          + " X-Signature: the lower-case hex HMAC-SHA256 of what is signed, with the hinted key.",
      p(1, 1, 1, 1, 1),
      "the hint is the key (hex); the raw body is signed",
      "the hint is the key (base64); the raw body is signed",
      "the hint is a key id; key = SHA-256(\"perfshop:\" + id); the raw body is signed",
      "as level 3; METHOD + \"\\n\" + path + \"\\n\" + body is signed",
      "as level 4; the key id changes every minute (the previous one is accepted 10 s more)"),
  REQUEST_ID(
      "request-id",
      SCRIPTING,
      "Every request must carry a unique X-Request-ID.",
      p(1, 1, 1, 1, 1),
      "present (any 8–128 safe characters)",
      "present and not reused within 1 min",
      "a UUID, not reused within 10 min",
      "a UUID, not reused within 1 h",
      "a version-4 UUID, never reused while active"),
  // ---- infrastructure (inside the server)
  DB_LATENCY(
      "db-latency",
      INFRASTRUCTURE,
      "Every SQL statement of a matched request waits before it reaches the database (through"
          + " the DataSource).",
      p(1, 1, 1, 1, 1),
      "+5 ms per statement",
      "+20 ms per statement",
      "+100 ms per statement",
      "+500 ms per statement",
      "+2 s per statement"),
  DB_OUTAGE(
      "db-outage",
      INFRASTRUCTURE,
      "Matched requests cannot get a database connection (through the DataSource): the request"
          + " fails as it would with the database down.",
      p(0.1, 0.3, 0.6, 1, 1),
      "10 % of requests, failing at once",
      "30 % of requests, failing at once",
      "60 % of requests, failing at once",
      "every request, after a 1 s connect timeout",
      "every request, after a 5 s connect timeout"),
  LOG_FLOOD(
      "log-flood",
      INFRASTRUCTURE,
      "Matched requests write bursts of repetitive WARN lines to the application log.",
      p(1, 1, 1, 1, 1),
      "10 lines per request",
      "50 lines per request",
      "200 lines per request",
      "1000 lines per request",
      "5000 lines per request"),
  CLOCK_SKEW(
      "clock-skew",
      INFRASTRUCTURE,
      "The application clock of matched requests is off (timestamps written, token expiry…).",
      p(1, 1, 1, 1, 1),
      "+2 s",
      "+30 s",
      "+5 min",
      "+1 h",
      "-1 day"),
  THREAD_LEAK(
      "thread-leak",
      INFRASTRUCTURE,
      "Matched requests start a worker thread that never ends (until disable, halt or expiry)."
          + " The number of leaked threads is capped.",
      p(0.2, 0.5, 1, 1, 1),
      "on 20 % of requests, at most 20 threads",
      "on 50 % of requests, at most 50 threads",
      "every request, at most 100 threads",
      "every request, at most 200 threads",
      "every request, at most 500 threads");

  private static final Map<String, ChaosType> BY_ID =
      Arrays.stream(values()).collect(Collectors.toMap(ChaosType::id, Function.identity()));

  private final String id;
  private final ChaosFamily family;
  private final String description;
  private final double[] probability;
  private final List<String> levels;

  ChaosType(
      String id, ChaosFamily family, String description, double[] probability, String... levels) {
    if (levels.length != 5 || probability.length != 5) {
      throw new IllegalStateException(id + " must describe exactly 5 levels");
    }
    this.id = id;
    this.family = family;
    this.description = description;
    this.probability = probability;
    this.levels = List.of(levels);
  }

  private static double[] p(double... values) {
    return values;
  }

  public String id() {
    return id;
  }

  public ChaosFamily family() {
    return family;
  }

  public String description() {
    return description;
  }

  /** What level 1–5 does. */
  public String level(int level) {
    return levels.get(level - 1);
  }

  /** The default probability that a matching request is affected at this level. */
  public double defaultProbability(int level) {
    return probability[level - 1];
  }

  /** Security types open real weaknesses: allowed only when the safety mode permits. */
  public boolean dangerous() {
    return family == SECURITY;
  }

  /** Route patterns an activation targets when it names none. */
  public List<String> defaultRoutes() {
    return switch (this) {
      case BROKEN_PAGINATION, BROKEN_SEARCH, SQL_INJECTION -> List.of("/api/products");
      case SLOW_DEPENDENCY -> List.of("/api/orders", "/api/orders/**");
      case IDOR -> List.of("/api/orders", "/api/orders/**");
      case STALE_PRICES -> List.of("/api/products", "/api/products/*");
      case STORED_XSS -> List.of("/api/products/*/reviews.html");
      default -> List.of("/api/**");
    };
  }

  /** The type with this catalogue name, if any. */
  public static Optional<ChaosType> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }
}
