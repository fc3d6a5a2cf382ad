package dev.perfshop.server.customer;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Session tokens handed out at sign-in: {@link Tokens#random()} (256 random bits). The
 * predictable-session-ids anomaly (security family, only when the safety mode allows it) swaps in a
 * guessable scheme per level; every scheme still has the shape of a token (43 characters of
 * base64url), so nothing but its predictability gives it away.
 */
final class SessionIds {

  private static final ChaosType PREDICTABLE_SESSION_IDS = ChaosType.of("predictable-session-ids");
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionIds() {}

  static String next(long customerId, Instant now) {
    Activation a = PolicyContext.hit(PREDICTABLE_SESSION_IDS);
    if (a == null) {
      return Tokens.random();
    }
    long n = SEQUENCE.incrementAndGet();
    return switch (a.level()) {
      case 1 -> sha256Url("session:" + n);
      case 2 -> padded(now.toEpochMilli() + "x" + Integer.toHexString(RANDOM.nextInt(1 << 16)));
      case 3 -> padded(now.toEpochMilli() + "x" + n);
      case 4 -> padded(customerId + "x" + n);
      default -> padded(Long.toString(n));
    };
  }

  /** Left-padded with zeros to the 43 characters of a real token. */
  private static String padded(String id) {
    return "0".repeat(Math.max(0, 43 - id.length())) + id;
  }

  private static String sha256Url(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
