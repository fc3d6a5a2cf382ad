package dev.perfshop.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenseVerifierTests {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  final KeyPair trustedPair = LicenseKeys.generate();
  final KeyPair strangerPair = LicenseKeys.generate();
  final LicenseVerifier verifier =
      new LicenseVerifier(List.of(trustedPair.getPublic()), Clock.fixed(NOW, ZoneOffset.UTC));

  static License license(KeyPair pair, Instant notBefore, Instant expiresAt) {
    return new License(
        "Haute École Lab",
        "lab",
        List.of("chaos", "pedagogy"),
        30,
        notBefore,
        notBefore,
        expiresAt,
        LicenseKeys.keyId(pair.getPublic()));
  }

  byte[] signed(License license, KeyPair pair) {
    return LicenseFile.sign(license, pair.getPrivate()).toBytes();
  }

  byte[] validFile() {
    return signed(
        license(trustedPair, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))),
        trustedPair);
  }

  @Test
  void aLicenceSignedByATrustedKeyInsideItsPeriodIsValid() {
    Verification v = verifier.verify(validFile());
    assertThat(v.isValid()).isTrue();
    assertThat(v.license().licensee()).isEqualTo("Haute École Lab");
    assertThat(v.license().features()).containsExactly("chaos", "pedagogy");
    assertThat(v.license().seats()).isEqualTo(30);
  }

  @Test
  void noFileIsMissing() {
    assertThat(verifier.verify(null).reason()).isEqualTo(LicenseReason.MISSING);
    assertThat(verifier.verify(new byte[0]).reason()).isEqualTo(LicenseReason.MISSING);
  }

  @Test
  void aLicencePastItsExpiryPlusSkewIsExpired() {
    Instant expiry = NOW.minus(Duration.ofMinutes(5));
    Verification v =
        verifier.verify(
            signed(license(trustedPair, NOW.minus(Duration.ofDays(9)), expiry), trustedPair));
    assertThat(v.reason()).isEqualTo(LicenseReason.EXPIRED);
    assertThat(v.license().expiresAt()).isEqualTo(expiry);
  }

  @Test
  void expiryWithinTheSkewIsStillAccepted() {
    Instant expiry = NOW.minus(Duration.ofMinutes(4));
    Verification v =
        verifier.verify(
            signed(license(trustedPair, NOW.minus(Duration.ofDays(9)), expiry), trustedPair));
    assertThat(v.isValid()).isTrue();
  }

  @Test
  void aLicenceStartingAfterNowPlusSkewIsNotYetValid() {
    Verification v =
        verifier.verify(
            signed(
                license(trustedPair, NOW.plus(Duration.ofMinutes(6)), NOW.plus(Duration.ofDays(9))),
                trustedPair));
    assertThat(v.reason()).isEqualTo(LicenseReason.NOT_YET_VALID);
  }

  @Test
  void aStartWithinTheSkewIsAccepted() {
    Verification v =
        verifier.verify(
            signed(
                license(trustedPair, NOW.plus(Duration.ofMinutes(5)), NOW.plus(Duration.ofDays(9))),
                trustedPair));
    assertThat(v.isValid()).isTrue();
  }

  @Test
  void aChangedPayloadHasABadSignature() {
    LicenseFile good = LicenseFile.parse(validFile(), LicenseFile.MAX_BYTES);
    byte[] payload =
        new String(good.payload(), StandardCharsets.UTF_8)
            .replace("\"seats\":30", "\"seats\":3000")
            .getBytes(StandardCharsets.UTF_8);
    byte[] forged = new LicenseFile(good.keyId(), payload, good.signature()).toBytes();
    assertThat(verifier.verify(forged).reason()).isEqualTo(LicenseReason.BAD_SIGNATURE);
  }

  @Test
  void aStrangerSigningUnderATrustedKeyIdHasABadSignature() {
    License claims =
        license(trustedPair, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
    byte[] file = signed(claims, strangerPair);
    assertThat(verifier.verify(file).reason()).isEqualTo(LicenseReason.BAD_SIGNATURE);
  }

  @Test
  void aLicenceFromAnUnknownKeyIsUntrusted() {
    byte[] file =
        signed(
            license(strangerPair, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))),
            strangerPair);
    assertThat(verifier.verify(file).reason()).isEqualTo(LicenseReason.UNTRUSTED_KEY);
  }

  @Test
  void aTruncatedFileIsMalformed() {
    byte[] file = validFile();
    for (int cut : new int[] {1, 10, file.length / 2, file.length - 3}) {
      assertThat(verifier.verify(Arrays.copyOf(file, cut)).reason())
          .as("cut at %d", cut)
          .isEqualTo(LicenseReason.MALFORMED);
    }
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeParsing() {
    byte[] huge = new byte[LicenseFile.MAX_BYTES + 1];
    Arrays.fill(huge, (byte) '[');
    Verification v = verifier.verify(huge);
    assertThat(v.reason()).isEqualTo(LicenseReason.MALFORMED);
    assertThat(v.detail()).contains("limit").doesNotContain("JSON");
  }

  @Test
  void deeplyNestedJsonIsMalformedNotAStackOverflow() {
    byte[] nested = "[".repeat(5000).getBytes(StandardCharsets.US_ASCII);
    assertThat(verifier.verify(nested).reason()).isEqualTo(LicenseReason.MALFORMED);
  }

  @Test
  void wrongFormatDuplicateMembersAndShortSignaturesAreMalformed() {
    String good = new String(validFile(), StandardCharsets.UTF_8);
    String otherFormat = good.replace("perfshop-license/1", "perfshop-license/2");
    String duplicate = good.replace("{\"format\"", "{\"keyId\":\"x\",\"format\"");
    String shortSig = good.replaceAll("\"signature\":\"[^\"]+\"", "\"signature\":\"AAAA\"");
    for (String s : List.of(otherFormat, duplicate, shortSig, "null", "{}", "\"x\"")) {
      assertThat(verifier.verify(s.getBytes(StandardCharsets.UTF_8)).reason())
          .as(s)
          .isEqualTo(LicenseReason.MALFORMED);
    }
  }

  @Test
  void aSignedPayloadThatIsNotALicenceIsMalformed() {
    byte[] payload = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
    LicenseFile file =
        new LicenseFile(
            LicenseKeys.keyId(trustedPair.getPublic()),
            payload,
            Signatures.sign(trustedPair.getPrivate(), LicenseFile.signedBytes(payload)));
    assertThat(verifier.verify(file.toBytes()).reason()).isEqualTo(LicenseReason.MALFORMED);
  }

  @Test
  void theFileIsTheDocumentedJsonShape() {
    String text = new String(validFile(), StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("{\"format\":\"perfshop-license/1\",\"keyId\":\"")
        .contains("\"payload\":\"", "\"signature\":\"")
        .endsWith("}\n");
    LicenseFile file = LicenseFile.parse(validFile(), LicenseFile.MAX_BYTES);
    assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(file.payload()))
        .doesNotContain("=", "+", "/");
  }
}
