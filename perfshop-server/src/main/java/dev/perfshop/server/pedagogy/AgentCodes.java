package dev.perfshop.server.pedagogy;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Agent codes: what a student keeps to get their progress back on any browser. A code is a random
 * 80-bit id followed by an 80-bit HMAC-SHA256 tag of that id under the install key, in Crockford
 * base32 grouped by four ({@code 7K2M-…}, 32 characters). Without the key nobody can make a valid
 * code (forgery), change one character of a valid one (tampering) or guess one (2^80 ids); the
 * server checks the tag in constant time before it looks the id up.
 */
final class AgentCodes {

  static final int ID_BYTES = 10;
  static final int TAG_BYTES = 10;
  private static final String DOMAIN = "perfshop-agent-code-v1";

  record Issued(String publicId, String code) {}

  private final InstallKey key;
  private final SecureRandom random;

  AgentCodes(InstallKey key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  Issued issue() {
    String publicId = Codes.base32(Codes.randomBytes(random, ID_BYTES));
    return new Issued(publicId, codeOf(publicId));
  }

  /** The code of a known student (instructors can read it back to a student who lost it). */
  String codeOf(String publicId) {
    byte[] id = Codes.unbase32(publicId, ID_BYTES).orElseThrow();
    byte[] all = Arrays.copyOf(id, ID_BYTES + TAG_BYTES);
    System.arraycopy(tag(publicId), 0, all, ID_BYTES, TAG_BYTES);
    return Codes.group(Codes.base32(all));
  }

  /** The public id inside a genuine code, or empty for anything forged, altered or malformed. */
  Optional<String> verify(String typed) {
    if (typed == null || typed.length() > 64) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = Codes.unbase32(Codes.canonicalAgentCode(typed), ID_BYTES + TAG_BYTES);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    byte[] id = Arrays.copyOf(bytes.get(), ID_BYTES);
    byte[] given = Arrays.copyOfRange(bytes.get(), ID_BYTES, ID_BYTES + TAG_BYTES);
    String publicId = Codes.base32(id);
    return MessageDigest.isEqual(given, tag(publicId)) ? Optional.of(publicId) : Optional.empty();
  }

  private byte[] tag(String publicId) {
    return Arrays.copyOf(key.mac(DOMAIN, publicId), TAG_BYTES);
  }
}
