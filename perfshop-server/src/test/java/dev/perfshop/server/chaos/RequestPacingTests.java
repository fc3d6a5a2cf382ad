package dev.perfshop.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfshop.server.support.MutableClock;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RequestPacing;
import dev.perfshop.server.system.policy.Scope;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** think-time: a client that does not pause as long as the level asks is refused with 429. */
class RequestPacingTests {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:00Z"));
  private final RequestPacing pacing = new RequestPacing(clock);

  private static Activation level(int level) {
    return ChaosDeciderTests.activation(
        ChaosType.of("think-time"), level, 1, null, "/api/**", Scope.ALL);
  }

  private static MockHttpServletRequest from(String session) {
    MockHttpServletRequest r = ChaosDeciderTests.get("/api/products");
    r.setCookies(new Cookie("PERFSHOP_SESSION", session));
    return r;
  }

  @Test
  void aSecondRequestBeforeThePauseIsRefusedWithRetryAfter() {
    Activation a = level(3); // 1 s
    pacing.apply(a, from("s1"), new MockHttpServletResponse());
    clock.advance(Duration.ofMillis(400));
    MockHttpServletResponse response = new MockHttpServletResponse();

    assertThatThrownBy(() -> pacing.apply(a, from("s1"), response))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
              assertThat(e.extensions()).containsEntry("retryAfterMs", 600L);
            });
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
  }

  @Test
  void aClientThatPausesLongEnoughPassesAndOtherClientsAreNotSlowedDown() {
    Activation a = level(1); // 250 ms
    pacing.apply(a, from("s1"), new MockHttpServletResponse());
    assertThatCode(() -> pacing.apply(a, from("s2"), new MockHttpServletResponse()))
        .doesNotThrowAnyException();
    clock.advance(Duration.ofMillis(250));
    assertThatCode(() -> pacing.apply(a, from("s1"), new MockHttpServletResponse()))
        .doesNotThrowAnyException();
  }

  @Test
  void theLevelSetsThePauseFromTheCatalogue() {
    Activation five = level(5); // 3 s
    pacing.apply(five, from("s1"), new MockHttpServletResponse());
    clock.advance(Duration.ofMillis(2_999));
    assertThatThrownBy(() -> pacing.apply(five, from("s1"), new MockHttpServletResponse()))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void releaseForgetsEveryClient() {
    Activation a = level(5);
    pacing.apply(a, from("s1"), new MockHttpServletResponse());
    pacing.release(a);
    assertThatCode(() -> pacing.apply(a, from("s1"), new MockHttpServletResponse()))
        .doesNotThrowAnyException();
  }
}
