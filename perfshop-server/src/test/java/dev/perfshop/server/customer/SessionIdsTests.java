package dev.perfshop.server.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.chaos.ChaosHits;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session tokens are 256 random bits; predictable-session-ids makes them guessable, level by level,
 * while they keep the shape of a token.
 */
class SessionIdsTests {

  static final Instant NOW = Instant.parse("2026-12-06T09:00:00.123Z");

  @AfterEach
  void clear() {
    ChaosHits.clear();
  }

  @Test
  void withoutAHitTokensAreRandom() {
    String a = SessionIds.next(7, NOW);
    String b = SessionIds.next(7, NOW);
    assertThat(a).isNotEqualTo(b);
    assertThat(Tokens.plausible(a)).isTrue();
    assertThat(a).doesNotContain(Long.toString(NOW.toEpochMilli()));
  }

  @Test
  void everyLevelKeepsTheShapeOfATokenAndNeverRepeats() {
    for (int level = 1; level <= 5; level++) {
      ChaosHits.hit("predictable-session-ids", level);
      String a = SessionIds.next(7, NOW);
      String b = SessionIds.next(7, NOW);
      assertThat(Tokens.plausible(a)).as("level " + level + ": " + a).isTrue();
      assertThat(a).as("level " + level).isNotEqualTo(b);
    }
  }

  @Test
  void levelTwoAndThreeCarryTheSignInTimeAndLevelFourTheCustomer() {
    ChaosHits.hit("predictable-session-ids", 2);
    assertThat(SessionIds.next(7, NOW)).contains(NOW.toEpochMilli() + "x");
    ChaosHits.hit("predictable-session-ids", 3);
    assertThat(SessionIds.next(7, NOW)).contains(NOW.toEpochMilli() + "x");
    ChaosHits.hit("predictable-session-ids", 4);
    assertThat(SessionIds.next(4242, NOW)).matches("0+4242x\\d+");
  }

  @Test
  void atLevelFiveTheNextTokenIsThePreviousPlusOne() {
    ChaosHits.hit("predictable-session-ids", 5);
    long first = Long.parseLong(SessionIds.next(7, NOW));
    long second = Long.parseLong(SessionIds.next(8, NOW));
    assertThat(second).isEqualTo(first + 1);
  }
}
