package dev.perfshop.cli.license;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseFile;
import dev.perfshop.license.LicenseKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Licence provisioning for a lab (the server never licenses itself), as {@code
 * scripts/provision-lab} does for {@code make run}: a lab key pair in {@code keyDir} (private key
 * owner-only), its public key trusted in {@code <dataDir>/trusted-keys/lab.pub}, and on the first
 * run a one-year licence installed as {@code <dataDir>/license.json}. Later runs leave the
 * installed licence as the instructor left it (a removed licence stays removed: the 402 demo).
 */
public final class LabLicense {

  private LabLicense() {}

  public static void provision(Path keyDir, Path dataDir) throws IOException {
    Path pub = keys(keyDir);
    Path trusted = dataDir.resolve("trusted-keys");
    Files.createDirectories(trusted);
    Files.copy(pub, trusted.resolve("lab.pub"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path marker = dataDir.resolve(".lab-licence-installed");
    if (Files.exists(marker)) {
      return;
    }
    Files.write(dataDir.resolve("license.json"), issue(keyDir));
    Files.createFile(marker);
  }

  /** The lab key pair in {@code keyDir}, made on first use; returns the public key file. */
  public static Path keys(Path keyDir) throws IOException {
    Files.createDirectories(keyDir);
    Path key = keyDir.resolve("lab.key");
    Path pub = keyDir.resolve("lab.pub");
    if (!Files.exists(key)) {
      KeyPair pair = LicenseKeys.generate();
      KeyFiles.writeOwnerOnly(key, LicenseKeys.privateKeyPem(pair.getPrivate()), true);
      Files.writeString(pub, LicenseKeys.publicKeyPem(pair.getPublic()));
    }
    return pub;
  }

  /** The lab public key on one line (base64), for {@code PERFSHOP_LICENSE_TRUSTED_KEYS}. */
  public static String publicKeyLine(Path keyDir) throws IOException {
    return LicenseKeys.publicKeyBase64(LicenseKeys.parsePublicKey(Files.readString(keys(keyDir))));
  }

  /** A one-year lab licence signed with the lab key, as licence file bytes. */
  public static byte[] issue(Path keyDir) throws IOException {
    Path pub = keys(keyDir);
    var publicKey = LicenseKeys.parsePublicKey(Files.readString(pub));
    var privateKey = LicenseKeys.parsePrivateKey(Files.readString(keyDir.resolve("lab.key")));
    Instant now = Instant.now();
    License license =
        new License(
            "PerfShop lab",
            "lab",
            List.of(),
            100,
            now,
            now,
            now.plus(Duration.ofDays(365)),
            LicenseKeys.keyId(publicKey));
    return LicenseFile.sign(license, privateKey).toBytes();
  }
}
