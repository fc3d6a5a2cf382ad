package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * body-signature: every response hints a key in {@code X-Key-Hint}; unsafe requests must carry
 * {@code X-Signature}, the hex HMAC-SHA256 of their body (levels 4–5: of METHOD, path and body)
 * with that key. The body is buffered by {@link RequestPolicyFilter} so the handler still reads it.
 */
@Component
class RequestSigning implements RequestPolicy {

  private static final ChaosType BODY_SIGNATURE = ChaosType.of("body-signature");

  static final String HINT = "X-Key-Hint";
  static final String SIGNATURE = "X-Signature";
  private static final HexFormat HEX = HexFormat.of();

  private final Clock clock;
  private final byte[] secret = new byte[32];
  private final String keyId;

  RequestSigning(Clock clock) {
    this.clock = clock;
    SecureRandom random = new SecureRandom();
    random.nextBytes(secret);
    byte[] id = new byte[6];
    random.nextBytes(id);
    this.keyId = "k-" + HEX.formatHex(id);
  }

  @Override
  public ChaosType type() {
    return BODY_SIGNATURE;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    int level = a.level();
    long minute = clock.millis() / 60_000;
    response.setHeader(HINT, hint(level, minute));
    if (FormTokens.isSafe(request.getMethod())) {
      return;
    }
    String given = request.getHeader(SIGNATURE);
    if (given == null || given.isBlank()) {
      throw problem(ProblemType.TOKEN_MISSING, SIGNATURE + " is required on this request");
    }
    byte[] body = RequestPolicyFilter.body(request);
    String path = PolicyDecider.route(request);
    boolean ok = matches(given, sign(key(level, minute), level, request.getMethod(), path, body));
    if (!ok && level == 5 && clock.millis() % 60_000 < 10_000) {
      ok = matches(given, sign(key(level, minute - 1), level, request.getMethod(), path, body));
    }
    if (!ok) {
      throw problem(
          ProblemType.TOKEN_INVALID, SIGNATURE + " does not match the request with the hinted key");
    }
  }

  String hint(int level, long minute) {
    return switch (level) {
      case 1 -> HEX.formatHex(secret);
      case 2 -> Base64.getEncoder().encodeToString(secret);
      case 5 -> "k" + minute;
      default -> keyId;
    };
  }

  byte[] key(int level, long minute) {
    if (level <= 2) {
      return secret;
    }
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("perfshop:" + hint(level, minute)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sign(byte[] key, int level, String method, String path, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      if (level >= 4) {
        mac.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean matches(String given, byte[] expected) {
    byte[] g;
    try {
      g = HEX.parseHex(given.strip().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(g, expected);
  }

  private static ApiException problem(ProblemType type, String detail) {
    return new ApiException(type, detail, Map.of("header", SIGNATURE));
  }
}
