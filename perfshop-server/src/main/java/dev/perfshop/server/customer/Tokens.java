package dev.perfshop.server.customer;

import dev.perfshop.server.system.Port;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Opaque bearer tokens (session and cart cookies): 256 random bits, stored only as SHA-256. */
@Port
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** A new token: 32 bytes from {@link SecureRandom}, base64url without padding (43 chars). */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lower-case hex SHA-256 of the token, the only form a token is stored in. */
  public static String sha256(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Whether a cookie value looks like one of our tokens (cheap check before a database read). */
  public static boolean plausible(String value) {
    return value != null && value.length() == 43 && value.matches("[A-Za-z0-9_-]+");
  }
}
