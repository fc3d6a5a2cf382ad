package dev.perfshop.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenseTests {

  final KeyPair pair = LicenseKeys.generate();
  final String keyId = LicenseKeys.keyId(pair.getPublic());

  License sample(List<String> features) {
    return new License(
        "Zoë \"Quote\" \\ Lab",
        "classroom",
        features,
        12,
        Instant.parse("2026-01-01T10:00:00.789Z"),
        Instant.parse("2026-01-01T10:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"),
        keyId);
  }

  @Test
  void canonicalJsonIsSortedCompactAndRoundTrips() {
    License l = sample(List.of("scenarios", "chaos", "chaos"));
    String json = new String(l.canonicalJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"edition\":\"classroom\",\"expiresAt\":\"2027-01-01T00:00:00Z\","
                + "\"features\":[\"chaos\",\"scenarios\"],\"issuedAt\":\"2026-01-01T10:00:00Z\","
                + "\"keyId\":\""
                + keyId
                + "\",\"licensee\":\"Zoë \\\"Quote\\\" \\\\ Lab\","
                + "\"notBefore\":\"2026-01-01T10:00:00Z\",\"seats\":12,\"v\":1}");
    assertThat(License.fromJson(l.canonicalJson())).isEqualTo(l);
  }

  @Test
  void sameClaimsGiveTheSameBytesWhateverTheFeatureOrder() {
    assertThat(sample(List.of("b", "a")).canonicalJson())
        .isEqualTo(sample(List.of("a", "b")).canonicalJson());
  }

  @Test
  void invalidClaimsAreRefusedWithTheFieldName() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> new License("", "lab", List.of(), 1, t, t, t.plusSeconds(1), keyId))
        .hasMessageContaining("licensee");
    assertThatThrownBy(() -> new License("x", "Lab!", List.of(), 1, t, t, t.plusSeconds(1), keyId))
        .hasMessageContaining("edition");
    assertThatThrownBy(() -> new License("x", "lab", List.of(), 0, t, t, t.plusSeconds(1), keyId))
        .hasMessageContaining("seats");
    assertThatThrownBy(() -> new License("x", "lab", List.of(), 1, t, t, t, keyId))
        .hasMessageContaining("notBefore");
    assertThatThrownBy(() -> new License("x\n", "lab", List.of(), 1, t, t, t.plusSeconds(9), keyId))
        .hasMessageContaining("licensee");
    assertThatThrownBy(() -> new License("x", "lab", List.of(), 1, t, t, t.plusSeconds(9), "zz"))
        .hasMessageContaining("keyId");
  }

  @Test
  void keysRoundTripThroughPemAndBase64() {
    String pub = LicenseKeys.publicKeyPem(pair.getPublic());
    String priv = LicenseKeys.privateKeyPem(pair.getPrivate());
    assertThat(pub)
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");
    assertThat(priv).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(LicenseKeys.parsePublicKey(pub)).isEqualTo(pair.getPublic());
    assertThat(LicenseKeys.parsePublicKey(LicenseKeys.publicKeyBase64(pair.getPublic())))
        .isEqualTo(pair.getPublic());
    assertThat(LicenseKeys.matches(LicenseKeys.parsePrivateKey(priv), pair.getPublic())).isTrue();
    assertThat(LicenseKeys.matches(pair.getPrivate(), LicenseKeys.generate().getPublic()))
        .isFalse();
    assertThat(LicenseKeys.keyId(pair.getPublic())).matches("[0-9a-f]{16}");
  }

  @Test
  void garbageKeysAreRefused() {
    assertThatThrownBy(() -> LicenseKeys.parsePublicKey("not base64 !"))
        .isInstanceOf(LicenseFormatException.class);
    assertThatThrownBy(() -> LicenseKeys.parsePublicKey("AAAA"))
        .isInstanceOf(LicenseFormatException.class);
    assertThatThrownBy(
            () -> LicenseKeys.parsePrivateKey(LicenseKeys.publicKeyPem(pair.getPublic())))
        .isInstanceOf(LicenseFormatException.class);
  }
}
