package dev.perfshop.license;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Verifies licence files offline against a set of trusted public keys. Checks, in order: presence,
 * size (before any parsing), the outer document, that the key is trusted, the signature, the
 * claims, and the validity period with {@link License#CLOCK_SKEW} of tolerance.
 */
public final class LicenseVerifier {

  private final Map<String, PublicKey> trusted;
  private final Clock clock;
  private final int maxBytes;

  public LicenseVerifier(Collection<PublicKey> trustedKeys, Clock clock, int maxBytes) {
    this.trusted =
        trustedKeys.stream()
            .collect(
                Collectors.toUnmodifiableMap(LicenseKeys::keyId, Function.identity(), (a, b) -> a));
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  public LicenseVerifier(Collection<PublicKey> trustedKeys, Clock clock) {
    this(trustedKeys, clock, LicenseFile.MAX_BYTES);
  }

  /** Ids of the trusted keys. */
  public Set<String> trustedKeyIds() {
    return trusted.keySet();
  }

  /** Checks {@code file} (the licence file's bytes; {@code null} when there is none). */
  public Verification verify(byte[] file) {
    if (file == null || file.length == 0) {
      return Verification.invalid(LicenseReason.MISSING, "no licence is installed");
    }
    LicenseFile parsed;
    try {
      parsed = LicenseFile.parse(file, maxBytes);
    } catch (LicenseFormatException e) {
      return Verification.invalid(LicenseReason.MALFORMED, e.getMessage());
    }
    PublicKey key = trusted.get(parsed.keyId());
    if (key == null) {
      return Verification.invalid(
          LicenseReason.UNTRUSTED_KEY, "the licence is signed by a key this server does not trust");
    }
    byte[] payload = parsed.payload();
    if (!Signatures.verify(key, LicenseFile.signedBytes(payload), parsed.signature())) {
      return Verification.invalid(
          LicenseReason.BAD_SIGNATURE, "the licence signature does not match its contents");
    }
    License license;
    try {
      license = License.fromJson(payload);
    } catch (LicenseFormatException e) {
      return Verification.invalid(LicenseReason.MALFORMED, e.getMessage());
    }
    if (!license.keyId().equals(parsed.keyId())) {
      return Verification.invalid(
          LicenseReason.MALFORMED, "the signed key id differs from the file's key id");
    }
    LicenseReason time = license.timeReason(clock.instant());
    if (time == LicenseReason.EXPIRED) {
      return Verification.invalid(license, time, "the licence expired at " + license.expiresAt());
    }
    if (time == LicenseReason.NOT_YET_VALID) {
      return Verification.invalid(
          license, time, "the licence is valid from " + license.notBefore());
    }
    return Verification.valid(license);
  }
}
