package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** request-id: every request must carry its own X-Request-ID, never reused. */
@Component
class RequestIdPolicy implements RequestPolicy {

  private static final ChaosType REQUEST_ID = ChaosType.of("request-id");

  static final String HEADER = "X-Request-ID";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern UUID4 =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
  private static final long[] REMEMBER_MS = REQUEST_ID.longs("rememberMs");
  private static final int MAX_REMEMBERED = 500_000;

  private final Clock clock;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  RequestIdPolicy(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ChaosType type() {
    return REQUEST_ID;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    String id = request.getHeader(HEADER);
    int level = a.level();
    if (id == null || id.isBlank()) {
      throw problem(ProblemType.TOKEN_MISSING, HEADER + " is required on every request");
    }
    Pattern shape = level >= 5 ? UUID4 : level >= 3 ? UUID : SAFE;
    if (!shape.matcher(id).matches()) {
      throw problem(
          ProblemType.TOKEN_INVALID,
          HEADER
              + (level >= 3
                  ? " must be a " + (level >= 5 ? "version-4 " : "") + "UUID"
                  : " must be 8-128 safe characters"));
    }
    if (level >= 2) {
      long now = clock.millis();
      if (seen.size() > MAX_REMEMBERED / 2) {
        seen.values().removeIf(expiry -> expiry < now);
        if (seen.size() > MAX_REMEMBERED) {
          seen.clear();
        }
      }
      Long previous = seen.put(id, now + REMEMBER_MS[level - 1]);
      if (previous != null && previous >= now) {
        throw problem(ProblemType.TOKEN_REPLAYED, HEADER + " " + id + " was already used");
      }
    }
  }

  private static ApiException problem(ProblemType type, String detail) {
    return new ApiException(type, detail, Map.of("header", HEADER));
  }

  @Override
  public void release(Activation activation) {
    seen.clear();
  }
}
