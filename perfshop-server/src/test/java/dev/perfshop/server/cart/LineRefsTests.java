package dev.perfshop.server.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.chaos.ChaosHits;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cart lines go by their product id; under dynamic-ids by references that change per level. */
class LineRefsTests {

  static final Instant T = Instant.parse("2026-12-06T09:00:00Z");
  static final Set<Long> CART = Set.of(25L, 40L);

  @AfterEach
  void clear() {
    ChaosHits.clear();
  }

  @Test
  void withoutAHitLinesGoByTheirProductId() {
    assertThat(LineRefs.shown(1, 25, T)).isEqualTo(25);
    assertThat(LineRefs.named(1, 25, CART, T)).isEqualTo(25);
  }

  @Test
  void underDynamicIdsOnlyTheShownReferenceNamesTheLine() {
    ChaosHits.hit("dynamic-ids", 1);
    long ref = LineRefs.shown(1, 25, T);

    assertThat(ref).isNotEqualTo(25).isPositive();
    assertThat(LineRefs.named(1, ref, CART, T)).isEqualTo(25);
    assertThat(LineRefs.named(1, 25, CART, T)).as("a recorded product id").isEqualTo(-1);
    assertThat(LineRefs.shown(2, 25, T)).as("another cart").isNotEqualTo(ref);
    assertThat(LineRefs.named(1, ref, CART, T.plusSeconds(86_400)))
        .as("level 1: fixed")
        .isEqualTo(25);
  }

  @Test
  void atLevelFiveAReferenceLastsTwoPeriodsOfTwoSeconds() {
    ChaosHits.hit("dynamic-ids", 5);
    long ref = LineRefs.shown(1, 40, T);

    assertThat(LineRefs.named(1, ref, CART, T.plusSeconds(1))).isEqualTo(40);
    assertThat(LineRefs.named(1, ref, CART, T.plusSeconds(3))).isEqualTo(40);
    assertThat(LineRefs.named(1, ref, CART, T.plusSeconds(4))).isEqualTo(-1);
    assertThat(LineRefs.shown(1, 40, T.plusSeconds(4))).isNotEqualTo(ref);
  }
}
