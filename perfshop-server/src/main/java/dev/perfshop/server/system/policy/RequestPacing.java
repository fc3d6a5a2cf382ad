package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Pacing: a client must pause between two requests as a person would (the think-time anomaly; the
 * pause per level is in the chaos catalogue). A client is its shop session cookie, else its cart
 * cookie, else its address. A request that comes too soon is refused with 429 and {@code
 * Retry-After}, and still counts as the client's latest request.
 */
@Component
public class RequestPacing implements RequestPolicy {

  private static final ChaosType THINK_TIME = ChaosType.of("think-time");
  private static final double[] PAUSE_MS = THINK_TIME.doubles("pauseMs");
  private static final String[] CLIENT_COOKIES = {"PERFSHOP_SESSION", "PERFSHOP_CART"};
  private static final int MAX_CLIENTS = 100_000;

  private final Clock clock;
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

  public RequestPacing(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ChaosType type() {
    return THINK_TIME;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    long pause = (long) PAUSE_MS[a.level() - 1];
    long now = clock.millis();
    if (lastSeen.size() > MAX_CLIENTS) {
      lastSeen.values().removeIf(at -> at < now - 60_000);
      if (lastSeen.size() > MAX_CLIENTS) {
        lastSeen.clear();
      }
    }
    Long previous = lastSeen.put(client(request), now);
    if (previous != null && now - previous < pause) {
      long waitMs = pause - (now - previous);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString((waitMs + 999) / 1000));
      throw new ApiException(
          ProblemType.TOO_MANY_REQUESTS,
          "requests come too fast: pause at least " + pause + " ms between two requests",
          Map.of("retryAfterMs", waitMs));
    }
  }

  private static String client(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (String name : CLIENT_COOKIES) {
        for (Cookie c : cookies) {
          if (name.equals(c.getName()) && !c.getValue().isBlank()) {
            return name + ":" + c.getValue();
          }
        }
      }
    }
    return "addr:" + request.getRemoteAddr();
  }

  @Override
  public void release(Activation activation) {
    lastSeen.clear();
  }
}
