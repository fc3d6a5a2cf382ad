package dev.perfshop.license;

/**
 * The outcome of checking a licence file: either valid with its {@link License}, or a {@link
 * LicenseReason} with a human detail. The licence is also given when only its validity period is
 * wrong (expired, not yet valid), so an operator can see the dates.
 */
public record Verification(License license, LicenseReason reason, String detail) {

  public static Verification valid(License license) {
    return new Verification(license, null, "valid");
  }

  public static Verification invalid(LicenseReason reason, String detail) {
    return new Verification(null, reason, detail);
  }

  public static Verification invalid(License license, LicenseReason reason, String detail) {
    return new Verification(license, reason, detail);
  }

  public boolean isValid() {
    return reason == null;
  }
}
