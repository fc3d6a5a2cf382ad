package dev.perfshop.server.pedagogy;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Human-friendly codes. Join codes use an alphabet without look-alike characters (no I, L, O, 0, 1)
 * so a code read aloud or copied from a projector is typed right. Agent codes are Crockford base32
 * of a random id and its HMAC, grouped by four; decoding forgives case, spaces, dashes and the
 * usual look-alikes.
 */
final class Codes {

  static final String JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  static final int JOIN_LENGTH = 6;
  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private Codes() {}

  static String joinCode(RandomGenerator random) {
    StringBuilder b = new StringBuilder(JOIN_LENGTH);
    for (int i = 0; i < JOIN_LENGTH; i++) {
      b.append(JOIN_ALPHABET.charAt(random.nextInt(JOIN_ALPHABET.length())));
    }
    return b.toString();
  }

  /** The canonical form of a typed join code, or empty when it cannot be one. */
  static Optional<String> normaliseJoinCode(String typed) {
    if (typed == null || typed.length() > 32) {
      return Optional.empty();
    }
    String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (code.length() != JOIN_LENGTH) {
      return Optional.empty();
    }
    for (char c : code.toCharArray()) {
      if (JOIN_ALPHABET.indexOf(c) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(code);
  }

  static byte[] randomBytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static String base32(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte d : data) {
      buffer = (buffer << 8) | (d & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(CROCKFORD.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(CROCKFORD.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** Decodes Crockford base32 into exactly {@code length} bytes, or empty. */
  static Optional<byte[]> unbase32(String text, int length) {
    if (text.length() != (length * 8 + 4) / 5) {
      return Optional.empty();
    }
    byte[] out = new byte[length];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (char c : text.toCharArray()) {
      int v = CROCKFORD.indexOf(c);
      if (v < 0) {
        return Optional.empty();
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        if (n == length) {
          return Optional.empty();
        }
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    // Leftover padding bits must be zero, so each code has exactly one spelling.
    if (n != length || (buffer & ((1 << bits) - 1)) != 0) {
      return Optional.empty();
    }
    return Optional.of(out);
  }

  /** Upper-cases, drops separators and maps look-alikes (I, L → 1; O → 0; U is not used). */
  static String canonicalAgentCode(String typed) {
    return typed
        .replaceAll("[\\s-]", "")
        .toUpperCase(Locale.ROOT)
        .replace('I', '1')
        .replace('L', '1')
        .replace('O', '0');
  }

  static String group(String code) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < code.length(); i += 4) {
      if (i > 0) {
        b.append('-');
      }
      b.append(code, i, Math.min(code.length(), i + 4));
    }
    return b.toString();
  }
}
