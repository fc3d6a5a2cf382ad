package dev.perfshop.server.license;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseReason;
import dev.perfshop.license.Verification;

/**
 * The result of verifying the installed licence, frozen at load time. The per-request check is
 * {@link #reasonAt(long)}: two comparisons of longs, no parsing or cryptography.
 */
final class LicenseState {

  private final Verification verification;
  private final LicenseReason loadReason;
  private final long acceptedFrom;
  private final long acceptedUntil;

  LicenseState(Verification verification) {
    this.verification = verification;
    License license = verification.license();
    boolean periodOnly =
        license != null
            && (verification.isValid()
                || verification.reason() == LicenseReason.EXPIRED
                || verification.reason() == LicenseReason.NOT_YET_VALID);
    this.loadReason = periodOnly ? null : verification.reason();
    this.acceptedFrom = license == null ? Long.MAX_VALUE : license.acceptedFrom().toEpochMilli();
    this.acceptedUntil = license == null ? Long.MIN_VALUE : license.acceptedUntil().toEpochMilli();
  }

  /** {@code null} when the licence is valid at {@code nowMillis}, else why not. */
  LicenseReason reasonAt(long nowMillis) {
    if (loadReason != null) {
      return loadReason;
    }
    if (nowMillis < acceptedFrom) {
      return LicenseReason.NOT_YET_VALID;
    }
    if (nowMillis >= acceptedUntil) {
      return LicenseReason.EXPIRED;
    }
    return null;
  }

  /** The licence's claims when it was signed by a trusted key, else {@code null}. */
  License license() {
    return loadReason == null ? verification.license() : null;
  }

  /** Why it was refused at load time (e.g. the parse error), for the instructor's view. */
  String loadDetail() {
    return verification.detail();
  }
}
