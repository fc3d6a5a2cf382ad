package dev.perfshop.server.stats;

import dev.perfshop.server.system.Port;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Route statistics per class session, beside the whole server's: several classes on one server each
 * read their own traffic (a scenario run for a session sends {@code X-Perfshop-Session}; a
 * student's browsing and scripts carry their agent code). At most {@value #MAX_SESSIONS} sessions
 * are kept, the least recently recorded one is dropped first; only live sessions are recorded (the
 * caller checks), so made-up ids cannot evict a class.
 */
@Port
public class SessionStats {

  public static final int MAX_SESSIONS = 32;

  private final Clock clock;
  private final Map<String, RouteStats> bySession =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RouteStats> eldest) {
          return size() > MAX_SESSIONS;
        }
      };

  public SessionStats(Clock clock) {
    this.clock = clock;
  }

  /** Records one request of a live session's traffic. */
  public void record(String sessionId, String route, long nanos, int status) {
    RouteStats stats;
    synchronized (bySession) {
      stats = bySession.computeIfAbsent(sessionId, id -> new RouteStats(clock));
    }
    stats.record(route, nanos, status);
  }

  /** The statistics of {@code sessionId}'s own traffic, if it has any. */
  public Optional<RouteStats> of(String sessionId) {
    if (sessionId == null) {
      return Optional.empty();
    }
    synchronized (bySession) {
      return Optional.ofNullable(bySession.get(sessionId));
    }
  }

  /** Forgets everything (data reset, tests). */
  public void clear() {
    synchronized (bySession) {
      bySession.clear();
    }
  }
}
