package dev.perfshop.server.license;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseReason;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The instructor's view of the licence ({@code GET /api/admin/license}). */
public record LicenseDetails(
    boolean valid,
    @Nullable String reason,
    @Nullable String detail,
    @Nullable String licensee,
    @Nullable String edition,
    @Nullable List<String> features,
    @Nullable Integer seats,
    @Nullable Instant issuedAt,
    @Nullable Instant notBefore,
    @Nullable Instant expiresAt,
    @Nullable String keyId,
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
