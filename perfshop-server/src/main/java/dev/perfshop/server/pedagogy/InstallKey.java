package dev.perfshop.server.pedagogy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-install secret that signs agent codes and keys answer hashes: 32 bytes from {@link
 * SecureRandom}, created once in {@code <perfshop.data-dir>/pedagogy.key} with owner-only
 * permissions (rw-------) where the file system supports them. It never leaves the server and is
 * never logged. Every MAC is domain-separated, so an agent signature can never stand for an answer
 * hash.
 */
final class InstallKey {

  static final String FILE_NAME = "pedagogy.key";
  private static final Logger log = LoggerFactory.getLogger(InstallKey.class);
  private static final int LENGTH = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final SecretKeySpec key;

  private InstallKey(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  static InstallKey of(byte[] secret) {
    if (secret.length != LENGTH) {
      throw new IllegalArgumentException("an install key has " + LENGTH + " bytes");
    }
    return new InstallKey(secret.clone());
  }

  /** Reads the key of this install, creating it on first start. */
  static InstallKey loadOrCreate(Path dataDir, SecureRandom random) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file, random);
      }
      tighten(file);
      byte[] secret = Files.readAllBytes(file);
      if (secret.length != LENGTH) {
        throw new IllegalStateException(
            file + " is not a PerfShop install key (" + secret.length + " bytes)");
      }
      return new InstallKey(secret);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the install key " + file, e);
    }
  }

  private static void create(Path file, SecureRandom random) throws IOException {
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp-" + Long.toHexString(random.nextLong()));
    if (posix(file)) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(tmp);
    }
    try {
      Files.write(tmp, Codes.randomBytes(random, LENGTH));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
      log.info("created a new pedagogy install key in {}", file.getParent());
    } catch (FileAlreadyExistsException raced) {
      // another process created it first: use theirs
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void tighten(Path file) throws IOException {
    if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      log.warn("{} was readable by others; restricting it to its owner", file);
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean posix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** HMAC-SHA256 of {@code domain | message}. */
  byte[] mac(String domain, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(domain.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  String macHex(String domain, String message) {
    return HexFormat.of().formatHex(mac(domain, message));
  }

  /** Constant-time comparison of a stored hex MAC with a fresh one. */
  boolean matchesHex(String storedHex, String domain, String message) {
    if (storedHex == null) {
      return false;
    }
    byte[] fresh = macHex(domain, message).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(fresh, storedHex.getBytes(StandardCharsets.US_ASCII));
  }

  /** A public fingerprint of the key, stored in the database to notice a lost key file. */
  String fingerprint() {
    return macHex("perfshop-key-fingerprint", "v1");
  }

  @Override
  public String toString() {
    return "InstallKey[****]";
  }
}
