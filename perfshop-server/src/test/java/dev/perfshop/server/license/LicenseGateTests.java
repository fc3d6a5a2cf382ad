package dev.perfshop.server.license;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseFile;
import dev.perfshop.license.LicenseKeys;
import dev.perfshop.server.support.RawHttp;
import dev.perfshop.server.support.TestAdmin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The licence gate over real HTTP, in a context that opts out of the default test licence. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "perfshop.test.license=none")
class LicenseGateTests {

  static final KeyPair TRUSTED = LicenseKeys.generate();
  static final KeyPair STRANGER = LicenseKeys.generate();
  static final Path DIR = tempDir();
  static final Path FILE = DIR.resolve("license.json");

  @DynamicPropertySource
  static void licence(DynamicPropertyRegistry registry) {
    registry.add(
        "perfshop.license.trusted-keys", () -> LicenseKeys.publicKeyBase64(TRUSTED.getPublic()));
    registry.add("perfshop.license.file", FILE::toString);
  }

  @LocalServerPort int port;
  @Autowired LicenseService service;
  @Autowired LicenseProperties props;

  @BeforeEach
  void noLicence() throws IOException {
    Files.deleteIfExists(FILE);
    service.reload();
  }

  static byte[] licence(KeyPair signer, KeyPair named, Instant notBefore, Instant expiresAt) {
    License l =
        new License(
            "Gate Tests",
            "lab",
            List.of("chaos"),
            25,
            notBefore,
            notBefore,
            expiresAt,
            LicenseKeys.keyId(named.getPublic()));
    return LicenseFile.sign(l, signer.getPrivate()).toBytes();
  }

  static byte[] valid() {
    Instant now = Instant.now();
    return licence(TRUSTED, TRUSTED, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
  }

  void loadFromDisk(byte[] bytes) throws IOException {
    Files.write(FILE, bytes);
    service.reload();
  }

  RestClient http() {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> {})
        .build();
  }

  ResponseEntity<Map> shop() {
    return http().get().uri("/api/products?size=1").retrieve().toEntity(Map.class);
  }

  void assertPaymentRequired(String reason) {
    ResponseEntity<Map> res = shop();
    assertThat(res.getStatusCode().value()).isEqualTo(402);
    assertThat(res.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(res.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(res.getBody())
        .containsEntry("type", "https://perfshop.dev/problems/license-required")
        .containsEntry("status", 402)
        .containsEntry("reason", reason);
    String body = res.getBody().toString();
    assertThat(body).doesNotContain("Gate Tests", LicenseKeys.keyId(TRUSTED.getPublic()));
  }

  @Test
  void withoutALicenceTheShopApiIs402Missing() {
    assertPaymentRequired("missing");
    assertThat(
            http()
                .get()
                .uri("/api/no-such-route")
                .retrieve()
                .toEntity(Map.class)
                .getStatusCode()
                .value())
        .isEqualTo(402);
  }

  @Test
  void anExpiredLicenceIs402Expired() throws IOException {
    Instant now = Instant.now();
    loadFromDisk(
        licence(
            TRUSTED, TRUSTED, now.minus(Duration.ofDays(30)), now.minus(Duration.ofMinutes(6))));
    assertPaymentRequired("expired");
  }

  @Test
  void aLicenceStartingLaterIs402NotYetValid() throws IOException {
    Instant now = Instant.now();
    loadFromDisk(
        licence(TRUSTED, TRUSTED, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofDays(30))));
    assertPaymentRequired("not-yet-valid");
  }

  @Test
  void aTamperedLicenceIs402BadSignature() throws IOException {
    LicenseFile good = LicenseFile.parse(valid(), LicenseFile.MAX_BYTES);
    byte[] payload =
        new String(good.payload(), StandardCharsets.UTF_8)
            .replace("\"seats\":25", "\"seats\":99999")
            .getBytes(StandardCharsets.UTF_8);
    loadFromDisk(new LicenseFile(good.keyId(), payload, good.signature()).toBytes());
    assertPaymentRequired("bad-signature");
  }

  @Test
  void aLicenceFromAnUntrustedKeyIs402UntrustedKey() throws IOException {
    Instant now = Instant.now();
    loadFromDisk(
        licence(STRANGER, STRANGER, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));
    assertPaymentRequired("untrusted-key");
  }

  @Test
  void aTruncatedLicenceIs402Malformed() throws IOException {
    byte[] good = valid();
    loadFromDisk(Arrays.copyOf(good, good.length - 20));
    assertPaymentRequired("malformed");
  }

  @Test
  void aLicenceFileOverTheLimitIs402Malformed() throws IOException {
    byte[] huge = new byte[props.maxFileBytes() + 1];
    Arrays.fill(huge, (byte) ' ');
    byte[] good = valid();
    System.arraycopy(good, 0, huge, 0, good.length);
    loadFromDisk(huge);
    assertPaymentRequired("malformed");
  }

  @Test
  void pathTricksThroughExemptRoutesDoNotReachTheShopWithoutALicence() throws IOException {
    for (String path :
        List.of(
            "/api/admin/../categories",
            "/api/admin/%2e%2e/categories",
            "/api/license/status/../../categories",
            "/api/license/status;x=1/../../categories",
            "/api/admin;/../categories",
            "//api/categories",
            "/api//categories",
            "/api/./categories",
            "/API/categories")) {
      assertThat(RawHttp.status(port, "GET", path)).as(path).isNotEqualTo(200);
    }
  }

  @Test
  void healthAndThePublicStatusAnswerWithoutALicence() {
    var health = http().get().uri("/actuator/health").retrieve().toEntity(Map.class);
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    var status = http().get().uri("/api/license/status").retrieve().toEntity(Map.class);
    assertThat(status.getStatusCode().value()).isEqualTo(200);
    assertThat(status.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(status.getBody()).containsEntry("valid", false).containsEntry("reason", "missing");
  }

  @Test
  void anInstructorInstallsALicenceWithoutOneAndItIsPersistedAndRemovable() throws IOException {
    byte[] file = valid();
    var installed = put(file, MediaType.APPLICATION_JSON);
    assertThat(installed.getStatusCode().value()).isEqualTo(200);
    assertThat(installed.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(installed.getBody())
        .containsEntry("valid", true)
        .containsEntry("licensee", "Gate Tests")
        .containsEntry("seats", 25);
    assertThat(shop().getStatusCode().value()).isEqualTo(200);
    assertThat(Files.readAllBytes(FILE)).isEqualTo(file);
    var status = http().get().uri("/api/license/status").retrieve().toEntity(Map.class);
    assertThat(status.getBody()).containsEntry("valid", true).doesNotContainKey("licensee");

    // A restart (a new service over the same files) finds the licence again.
    LicenseService restarted = new LicenseService(props, DIR, Clock.systemUTC());
    assertThat(restarted.currentReason()).isNull();

    var removed =
        http()
            .delete()
            .uri("/api/admin/license")
            .header(TestAdmin.HEADER, TestAdmin.TOKEN)
            .retrieve()
            .toEntity(Map.class);
    assertThat(removed.getStatusCode().value()).isEqualTo(200);
    assertThat(removed.getBody()).containsEntry("valid", false).containsEntry("reason", "missing");
    assertThat(FILE).doesNotExist();
    assertPaymentRequired("missing");
  }

  @Test
  void anInvalidLicenceIsRefusedAndChangesNothing() throws IOException {
    byte[] good = valid();
    put(good, MediaType.APPLICATION_JSON);
    Instant now = Instant.now();
    byte[] stranger = licence(STRANGER, STRANGER, now, now.plus(Duration.ofDays(1)));
    var refused = put(stranger, MediaType.APPLICATION_JSON);
    assertThat(refused.getStatusCode().value()).isEqualTo(422);
    assertThat(refused.getBody())
        .containsEntry("type", "https://perfshop.dev/problems/license-invalid")
        .containsEntry("reason", "untrusted-key");
    var truncated = put(Arrays.copyOf(good, 40), MediaType.APPLICATION_JSON);
    assertThat(truncated.getStatusCode().value()).isEqualTo(422);
    assertThat(truncated.getBody()).containsEntry("reason", "malformed");
    assertThat(Files.readAllBytes(FILE)).isEqualTo(good);
    assertThat(shop().getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void anOverSizeUploadIsRefusedUnparsedAndAWrongMediaTypeToo() throws IOException {
    byte[] huge = new byte[props.maxFileBytes() + 1];
    Arrays.fill(huge, (byte) '{');
    var tooLarge = put(huge, MediaType.APPLICATION_JSON);
    assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
    assertThat(tooLarge.getBody())
        .containsEntry("type", "https://perfshop.dev/problems/payload-too-large");
    var wrongType = put(valid(), MediaType.TEXT_PLAIN);
    assertThat(wrongType.getStatusCode().value()).isEqualTo(415);
    assertThat(FILE).doesNotExist();
    assertPaymentRequired("missing");
  }

  ResponseEntity<Map> put(byte[] body, MediaType type) {
    return http()
        .put()
        .uri("/api/admin/license")
        .header(TestAdmin.HEADER, TestAdmin.TOKEN)
        .contentType(type)
        .body(body)
        .retrieve()
        .toEntity(Map.class);
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("perfshop-gate-tests");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
