package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The session of a request while the database stops answering: the last answer known goes on
 * (database-down), a single background lookup refreshes an expired one, and nothing is cached from
 * a lookup that failed.
 */
class SessionLookupTests {

  final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-06T10:00:00Z"));
  final Map<String, String> enrolled = new ConcurrentHashMap<>(Map.of("AGENT-1", "7"));
  final AtomicInteger lookups = new AtomicInteger();
  volatile boolean databaseDown;
  final List<Runnable> background = new ArrayList<>();

  final SessionLookup lookup =
      new SessionLookup(
          code -> {
            lookups.incrementAndGet();
            if (databaseDown) {
              throw new IllegalStateException("Connection is not available, request timed out");
            }
            return Optional.ofNullable(enrolled.get(code));
          },
          id -> {
            lookups.incrementAndGet();
            if (databaseDown) {
              throw new IllegalStateException("Connection is not available, request timed out");
            }
            return id.equals("7");
          },
          background::add,
          clock);

  @Test
  void anExpiredAnswerIsGivenAtOnceWhileOneBackgroundLookupRefreshesIt() {
    assertThat(lookup.ofAgent("AGENT-1")).contains("7");
    assertThat(lookups).hasValue(1);
    clock.advance(Duration.ofSeconds(SessionLookup.TTL_SECONDS + 1));
    enrolled.remove("AGENT-1"); // the instructor removed the student

    // the request does not wait for the database: the last answer, one refresh queued
    assertThat(lookup.ofAgent("AGENT-1")).contains("7");
    assertThat(lookup.ofAgent("AGENT-1")).contains("7");
    assertThat(background).hasSize(1);
    assertThat(lookups).hasValue(1);

    background.removeFirst().run();
    assertThat(lookup.ofAgent("AGENT-1")).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void whileTheDatabaseIsDownTheLastAnswerGoesOnAndAnUnknownCodeHasNoSession() {
    assertThat(lookup.isLive("7")).isTrue();
    assertThat(lookup.ofAgent("AGENT-1")).contains("7");
    databaseDown = true;
    clock.advance(Duration.ofSeconds(SessionLookup.TTL_SECONDS + 1));

    assertThat(lookup.isLive("7")).isTrue();
    assertThat(lookup.ofAgent("AGENT-1")).contains("7");
    background.forEach(Runnable::run); // the refreshes fail: nothing forgotten
    background.clear();
    assertThat(lookup.isLive("7")).isTrue();
    assertThat(lookup.ofAgent("AGENT-1")).contains("7");
    assertThat(background).as("a new refresh after a failed one").hasSize(2);

    // never seen: no session, and the failure is not remembered as one
    int before = lookups.get();
    assertThat(lookup.ofAgent("AGENT-2")).isEmpty();
    assertThat(lookup.ofAgent("AGENT-2")).isEmpty();
    assertThat(lookups.get() - before).isEqualTo(2);

    databaseDown = false;
    enrolled.put("AGENT-2", "7");
    assertThat(lookup.ofAgent("AGENT-2")).contains("7");
  }
}
