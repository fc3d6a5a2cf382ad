package dev.perfshop.license;

/**
 * Why a licence is not valid. {@link #code()} is the machine-readable value servers and tools
 * report (the {@code reason} member of a 402 problem); it never changes meaning.
 */
public enum LicenseReason {
  /** No licence is installed. */
  MISSING("missing"),
  /** The licence's expiry (plus the allowed clock skew) has passed. */
  EXPIRED("expired"),
  /** The licence's not-before time (minus the allowed clock skew) has not come yet. */
  NOT_YET_VALID("not-yet-valid"),
  /** The signature does not match the payload under the named trusted key. */
  BAD_SIGNATURE("bad-signature"),
  /** The licence names a key that is not among the trusted keys. */
  UNTRUSTED_KEY("untrusted-key"),
  /** The file is not a licence: too large, truncated, not JSON, a wrong field. */
  MALFORMED("malformed");

  private final String code;

  LicenseReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
