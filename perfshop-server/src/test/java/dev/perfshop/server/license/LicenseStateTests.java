package dev.perfshop.server.license;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseKeys;
import dev.perfshop.license.LicenseReason;
import dev.perfshop.license.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenseStateTests {

  static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant EXPIRES = Instant.parse("2026-02-01T00:00:00Z");

  final License license =
      new License(
          "x",
          "lab",
          List.of(),
          1,
          NOT_BEFORE,
          NOT_BEFORE,
          EXPIRES,
          LicenseKeys.keyId(LicenseKeys.generate().getPublic()));

  @Test
  void aLicenceValidAtLoadExpiresWhileTheServerRunsWithFiveMinutesOfSkew() {
    LicenseState state = new LicenseState(Verification.valid(license));
    Duration skew = Duration.ofMinutes(5);
    assertThat(state.reasonAt(EXPIRES.plus(skew).minusMillis(1).toEpochMilli())).isNull();
    assertThat(state.reasonAt(EXPIRES.plus(skew).toEpochMilli())).isEqualTo(LicenseReason.EXPIRED);
    assertThat(state.reasonAt(NOT_BEFORE.minus(skew).toEpochMilli())).isNull();
    assertThat(state.reasonAt(NOT_BEFORE.minus(skew).minusMillis(1).toEpochMilli()))
        .isEqualTo(LicenseReason.NOT_YET_VALID);
  }

  @Test
  void aLicenceNotYetValidAtLoadBecomesValidWhenItsTimeComes() {
    LicenseState state =
        new LicenseState(Verification.invalid(license, LicenseReason.NOT_YET_VALID, "later"));
    assertThat(state.reasonAt(NOT_BEFORE.toEpochMilli())).isNull();
  }

  @Test
  void aRefusalOtherThanTimeStaysWhateverTheClock() {
    LicenseState state = new LicenseState(Verification.invalid(LicenseReason.BAD_SIGNATURE, "bad"));
    assertThat(state.reasonAt(NOT_BEFORE.plusSeconds(60).toEpochMilli()))
        .isEqualTo(LicenseReason.BAD_SIGNATURE);
    assertThat(state.license()).isNull();
  }
}
