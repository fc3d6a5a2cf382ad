package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The scripting family's correlation tokens (csrf-token, session-token, step-token, action-token):
 * the server hands out a signed, expiring token in a response header and requires it back on later
 * requests. Missing, invalid, expired and replayed tokens get distinct problems ({@code
 * token-missing} 428, {@code token-invalid} 403, {@code token-expired} 403, {@code token-replayed}
 * 409). A refused response still carries a fresh token, so a script can start.
 */
final class FormTokens implements RequestPolicy {

  /** How one token type behaves at each level. */
  record Rule(
      String header,
      Duration[] validity,
      boolean[] singleUse,
      int allMethodsFromLevel,
      boolean issueOnSafeOnly,
      boolean chain) {}

  static final Rule CSRF =
      new Rule(
          "X-CSRF-Token",
          ttl(600, 120, 120, 60, 15),
          new boolean[] {false, false, true, true, true},
          4,
          false,
          false);
  static final Rule SESSION =
      new Rule(
          "X-Session-Token",
          ttl(600, 120, 60, 20, 5),
          new boolean[] {false, false, true, true, true},
          1,
          false,
          false);
  static final Rule STEP =
      new Rule(
          "X-Step-Token",
          ttl(600, 120, 120, 30, 10),
          new boolean[] {true, true, true, true, true},
          3,
          false,
          true);
  static final Rule ACTION =
      new Rule(
          "X-Action-Token",
          ttl(600, 120, 60, 20, 5),
          new boolean[] {true, true, true, true, true},
          6,
          true,
          false);

  private static final int MAX_REMEMBERED = 200_000;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final ChaosType type;
  private final String typeId;
  private final Rule rule;
  private final Clock clock;
  private final byte[] key = new byte[32];
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> used = new ConcurrentHashMap<>();

  FormTokens(ChaosType type, Rule rule, Clock clock) {
    this.type = type;
    this.typeId = type.id();
    this.rule = rule;
    this.clock = clock;
    random.nextBytes(key);
  }

  private static Duration[] ttl(long... seconds) {
    Duration[] d = new Duration[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      d[i] = Duration.ofSeconds(seconds[i]);
    }
    return d;
  }

  @Override
  public ChaosType type() {
    return type;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    boolean safe = isSafe(request.getMethod());
    boolean required = !safe || a.level() >= rule.allMethodsFromLevel();
    String presented = request.getHeader(rule.header());
    long step = 0;
    ApiException refusal = null;
    if (required) {
      try {
        step = verify(presented, a.level());
      } catch (ApiException e) {
        refusal = e;
      }
    } else if (presented != null && rule.chain()) {
      step = stepOf(presented);
    }
    if (!rule.issueOnSafeOnly() || safe) {
      response.setHeader(rule.header(), issue(refusal == null ? step + 1 : 1));
    }
    if (refusal != null) {
      throw refusal;
    }
  }

  /** Verifies a presented token; returns its step number. */
  long verify(String token, int level) {
    String header = rule.header();
    if (token == null || token.isBlank()) {
      throw problem(ProblemType.TOKEN_MISSING, header + " is required on this request");
    }
    String[] payload = open(token);
    if (payload == null || !typeId.equals(payload[0])) {
      throw problem(ProblemType.TOKEN_INVALID, header + " is not a token this server issued");
    }
    long issued = Long.parseLong(payload[1]);
    long now = clock.millis();
    if (now - issued > rule.validity()[level - 1].toMillis() || issued - now > 5_000) {
      throw problem(ProblemType.TOKEN_EXPIRED, header + " has expired; use a newer one");
    }
    if (rule.singleUse()[level - 1]) {
      forgetOld(now);
      if (used.putIfAbsent(payload[2], issued + rule.validity()[level - 1].toMillis()) != null) {
        throw problem(ProblemType.TOKEN_REPLAYED, header + " was already used; use the newest one");
      }
    }
    return Long.parseLong(payload[3]);
  }

  private long stepOf(String token) {
    String[] payload = open(token);
    return payload == null ? 0 : Long.parseLong(payload[3]);
  }

  String issue(long step) {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    String payload = typeId + ":" + clock.millis() + ":" + B64.encodeToString(nonce) + ":" + step;
    String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(sign(body));
  }

  /** The payload fields [type, issuedMillis, nonce, step] of a well-signed token, or null. */
  private String[] open(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || token.length() > 512) {
      return null;
    }
    String body = token.substring(0, dot);
    try {
      byte[] sig = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(sig, sign(body))) {
        return null;
      }
      String[] fields = new String(B64D.decode(body), StandardCharsets.UTF_8).split(":");
      if (fields.length != 4) {
        return null;
      }
      Long.parseLong(fields[1]);
      Long.parseLong(fields[3]);
      return fields;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void forgetOld(long now) {
    if (used.size() > MAX_REMEMBERED / 2) {
      used.values().removeIf(expiry -> expiry < now);
      if (used.size() > MAX_REMEMBERED) {
        used.clear();
      }
    }
  }

  private ApiException problem(ProblemType type, String detail) {
    return new ApiException(type, detail, Map.of("header", rule.header()));
  }

  static boolean isSafe(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  @Override
  public void release(Activation activation) {
    used.clear();
  }
}
