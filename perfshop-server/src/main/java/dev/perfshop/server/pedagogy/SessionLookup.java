package dev.perfshop.server.pedagogy;

import dev.perfshop.server.system.Port;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which class session a request belongs to, for the features that act per session on the request
 * path (session-scoped chaos, per-session route statistics): a live session's id, or an enrolled
 * student's agent code → their session. Answers are cached for {@value #TTL_SECONDS} s (at most
 * {@value #MAX_ENTRIES} entries, misses included, so a flood of made-up codes costs one lookup each
 * and then nothing). An expired answer is still given while one background lookup refreshes it, so
 * a removed student or an archived session is forgotten within that time plus one lookup, and a
 * database that stops answering (the {@code database-down} scenario) never holds the student's
 * statistics or a shopper's request: they go on with the last answer known.
 */
@Port
@Component
public class SessionLookup {

  static final int TTL_SECONDS = 15;
  static final int MAX_ENTRIES = 4096;

  private record Entry(String session, Instant until) {}

  private final Function<String, Optional<String>> sessionOfAgent;
  private final Predicate<String> sessionIsLive;
  private final Executor refresher;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> agents = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> live = new ConcurrentHashMap<>();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  @Autowired
  SessionLookup(ClassSessions sessions, Clock clock) {
    this(
        sessions::sessionOfAgent,
        sessions::isLive,
        task -> Thread.ofVirtual().name("session-lookup").start(task),
        clock);
  }

  SessionLookup(
      Function<String, Optional<String>> sessionOfAgent,
      Predicate<String> sessionIsLive,
      Executor refresher,
      Clock clock) {
    this.sessionOfAgent = sessionOfAgent;
    this.sessionIsLive = sessionIsLive;
    this.refresher = refresher;
    this.clock = clock;
  }

  /** The header and cookie a scenario run's shoppers name their class session with. */
  public static final String SESSION_HEADER = "X-Perfshop-Session";

  public static final String SESSION_COOKIE = "perfshop_session";

  /** The header the student page and students' scripts send their agent code in. */
  public static final String AGENT_HEADER = "X-Agent-Code";

  /**
   * The live class session a request belongs to: the one it names ({@value #SESSION_HEADER} or the
   * {@value #SESSION_COOKIE} cookie), else the session of the agent code it carries.
   */
  public Optional<String> ofRequest(HttpServletRequest request) {
    return named(request).or(() -> ofAgent(request.getHeader(AGENT_HEADER)));
  }

  /**
   * The live class session a request names with {@value #SESSION_HEADER} or the {@value
   * #SESSION_COOKIE} cookie (a scenario run's shoppers); empty when it names none, or one that is
   * not live.
   */
  public Optional<String> named(HttpServletRequest request) {
    String named = request.getHeader(SESSION_HEADER);
    if (named == null && request.getCookies() != null) {
      for (Cookie c : request.getCookies()) {
        if (SESSION_COOKIE.equals(c.getName())) {
          named = c.getValue();
        }
      }
    }
    String id = named == null ? null : named.strip();
    return isLive(id) ? Optional.of(id) : Optional.empty();
  }

  /** The session (its id as text) of the student holding {@code agentCode}, if enrolled. */
  public Optional<String> ofAgent(String agentCode) {
    if (agentCode == null || agentCode.isBlank() || agentCode.length() > 64) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        cached(agents, "agent:", agentCode, () -> sessionOfAgent.apply(agentCode).orElse(null)));
  }

  /** Whether {@code id} names a class session that is not archived. */
  public boolean isLive(String id) {
    if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
      return false;
    }
    return cached(live, "live:", id, () -> sessionIsLive.test(id) ? id : null) != null;
  }

  private String cached(
      ConcurrentHashMap<String, Entry> cache,
      String kind,
      String key,
      java.util.function.Supplier<String> load) {
    Instant now = clock.instant();
    Entry e = cache.get(key);
    if (e != null && now.isBefore(e.until())) {
      return e.session();
    }
    if (e != null) {
      // expired: the last answer now, a fresh one from a single background lookup
      if (refreshing.add(kind + key)) {
        refresher.execute(
            () -> {
              try {
                store(cache, key, load.get());
              } catch (RuntimeException unavailable) {
                // the database does not answer: keep the last answer until it does
              } finally {
                refreshing.remove(kind + key);
              }
            });
      }
      return e.session();
    }
    try {
      String value = load.get();
      store(cache, key, value);
      return value;
    } catch (RuntimeException unavailable) {
      return null; // no answer known and none to be had: no session (nothing cached)
    }
  }

  private void store(ConcurrentHashMap<String, Entry> cache, String key, String value) {
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(key, new Entry(value, clock.instant().plus(Duration.ofSeconds(TTL_SECONDS))));
  }
}
