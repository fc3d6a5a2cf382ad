package dev.perfshop.server.license;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseReason;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The instructor's view of the licence ({@code GET /api/admin/license}). */
public record LicenseDetails(
    boolean valid,
    String reason,
    String detail,
    String licensee,
    String edition,
    List<String> features,
    Integer seats,
    Instant issuedAt,
    Instant notBefore,
    Instant expiresAt,
    String keyId,
    List<String> trustedKeyIds) {

  static LicenseDetails of(
      LicenseReason reason, String detail, License l, Set<String> trustedKeyIds) {
    List<String> trusted = trustedKeyIds.stream().sorted().toList();
    if (l == null) {
      return new LicenseDetails(
          false, reason.code(), detail, null, null, null, null, null, null, null, null, trusted);
    }
    return new LicenseDetails(
        reason == null,
        reason == null ? null : reason.code(),
        detail,
        l.licensee(),
        l.edition(),
        l.features(),
        l.seats(),
        l.issuedAt(),
        l.notBefore(),
        l.expiresAt(),
        l.keyId(),
        trusted);
  }
}
