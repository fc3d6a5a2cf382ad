package dev.perfshop.server.pedagogy;

import dev.perfshop.server.system.Port;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which class session a request belongs to, for the features that act per session on the request
 * path (session-scoped chaos, per-session route statistics): a live session's id, or an enrolled
 * student's agent code → their session. Answers are cached for {@value #TTL_SECONDS} s (at most
 * {@value #MAX_ENTRIES} entries, misses included, so a flood of made-up codes costs one lookup each
 * and then nothing), so a removed student or an archived session is forgotten within that time.
 */
@Port
@Component
public class SessionLookup {

  static final int TTL_SECONDS = 15;
  static final int MAX_ENTRIES = 4096;

  private record Entry(String session, Instant until) {}

  private final ClassSessions sessions;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> agents = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> live = new ConcurrentHashMap<>();

  SessionLookup(ClassSessions sessions, Clock clock) {
    this.sessions = sessions;
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
        cached(agents, agentCode, () -> sessions.sessionOfAgent(agentCode).orElse(null)));
  }

  /** Whether {@code id} names a class session that is not archived. */
  public boolean isLive(String id) {
    if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
      return false;
    }
    return cached(live, id, () -> sessions.isLive(id) ? id : null) != null;
  }

  private String cached(
      ConcurrentHashMap<String, Entry> cache,
      String key,
      java.util.function.Supplier<String> load) {
    Instant now = clock.instant();
    Entry e = cache.get(key);
    if (e != null && now.isBefore(e.until())) {
      return e.session();
    }
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    String value = load.get();
    cache.put(key, new Entry(value, now.plus(Duration.ofSeconds(TTL_SECONDS))));
    return value;
  }
}
