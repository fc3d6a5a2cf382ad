package dev.perfshop.cli.license;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.PerfShopCli;
import dev.perfshop.license.LicenseKeys;
import dev.perfshop.license.LicenseVerifier;
import dev.perfshop.license.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perfshop license keygen|issue} through the real command line. */
class LicenseToolCommandsTests {

  @TempDir Path dir;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return PerfShopCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void keygenWritesAnOwnerOnlyPrivateKeyAndAPublicKey() throws IOException {
    assertThat(run("license", "keygen", "--out-dir", dir.toString(), "--name", "lab"))
        .isEqualTo(ExitCodes.OK);
    Path key = dir.resolve("lab.key");
    Path pub = dir.resolve("lab.pub");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    String keyId = LicenseKeys.keyId(LicenseKeys.parsePublicKey(Files.readString(pub)));
    assertThat(out.toString()).contains("key id       " + keyId).doesNotContain("PRIVATE");
    assertThat(
            LicenseKeys.matches(
                LicenseKeys.parsePrivateKey(Files.readString(key)),
                LicenseKeys.parsePublicKey(Files.readString(pub))))
        .isTrue();
  }

  @Test
  void keygenDoesNotOverwriteAKeyUnlessForced() throws IOException {
    run("license", "keygen", "--out-dir", dir.toString(), "--name", "lab");
    String before = Files.readString(dir.resolve("lab.key"));
    assertThat(run("license", "keygen", "--out-dir", dir.toString(), "--name", "lab"))
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("--force");
    assertThat(Files.readString(dir.resolve("lab.key"))).isEqualTo(before);
    assertThat(run("license", "keygen", "--out-dir", dir.toString(), "--name", "lab", "--force"))
        .isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(dir.resolve("lab.key"))).isNotEqualTo(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("lab.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void issueSignsALicenceTheServerSideVerifierAccepts() throws IOException {
    run("license", "keygen", "--out-dir", dir.toString(), "--name", "lab");
    Path licence = dir.resolve("licence.json");
    int code =
        run(
            "license",
            "issue",
            "--key",
            dir.resolve("lab.key").toString(),
            "--licensee",
            "HE Lab, room 2",
            "--seats",
            "42",
            "--days",
            "30",
            "--not-before",
            "2026-12-01",
            "--edition",
            "classroom",
            "--feature",
            "pedagogy",
            "--feature",
            "chaos",
            "--out",
            licence.toString());
    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("HE Lab, room 2", "42 seats", "2026-12-01T00:00:00Z", "2026-12-31T00:00:00Z");
    LicenseVerifier verifier =
        new LicenseVerifier(
            List.of(LicenseKeys.parsePublicKey(Files.readString(dir.resolve("lab.pub")))),
            Clock.fixed(Instant.parse("2026-12-15T00:00:00Z"), ZoneOffset.UTC));
    Verification v = verifier.verify(Files.readAllBytes(licence));
    assertThat(v.isValid()).isTrue();
    assertThat(v.license().features()).containsExactly("chaos", "pedagogy");
    assertThat(v.license().edition()).isEqualTo("classroom");
    assertThat(Files.readString(licence)).doesNotContain("PRIVATE");
  }

  @Test
  void issueWritesToStandardOutputWithoutOut() {
    run("license", "keygen", "--out-dir", dir.toString(), "--name", "lab");
    assertThat(
            run("license", "issue", "--key", dir.resolve("lab.key").toString(), "--licensee", "X"))
        .isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("{\"format\":\"perfshop-license/1\"");
  }

  @Test
  void issueRefusesAPublicKeyThatIsNotThePrivateKeysPartner() {
    run("license", "keygen", "--out-dir", dir.toString(), "--name", "a");
    run("license", "keygen", "--out-dir", dir.toString(), "--name", "b");
    int code =
        run(
            "license",
            "issue",
            "--key",
            dir.resolve("a.key").toString(),
            "--public-key",
            dir.resolve("b.pub").toString(),
            "--licensee",
            "X");
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("is not the public key of");
  }

  @Test
  void badInputIsAUsageError() {
    run("license", "keygen", "--out-dir", dir.toString(), "--name", "lab");
    String key = dir.resolve("lab.key").toString();
    assertThat(run("license", "issue", "--key", key)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--licensee");
    assertThat(run("license", "issue", "--key", key, "--licensee", "X", "--seats", "0"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("seats");
    assertThat(run("license", "issue", "--key", key, "--licensee", "X", "--not-before", "soon"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            run("license", "issue", "--key", dir.resolve("none.key").toString(), "--licensee", "X"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("no such file");
    assertThat(
            run(
                "license",
                "issue",
                "--key",
                dir.resolve("lab.pub").toString(),
                "--public-key",
                dir.resolve("lab.pub").toString(),
                "--licensee",
                "X"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("license", "keygen", "--name", "../escape")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpListsKeygenAndIssue() {
    assertThat(run("license", "--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("keygen", "issue");
  }
}
