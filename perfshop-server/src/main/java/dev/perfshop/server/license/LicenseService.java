package dev.perfshop.server.license;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseFormatException;
import dev.perfshop.license.LicenseKeys;
import dev.perfshop.license.LicenseReason;
import dev.perfshop.license.LicenseVerifier;
import dev.perfshop.license.Verification;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Holds the installed licence. It is verified once when loaded (at start, on install, on removal)
 * and the result is kept in a volatile {@link LicenseState}; {@link #currentReason()} is all the
 * gate does per request. The licence file is persisted in the data folder and survives restarts.
 */
@Service
public class LicenseService {

  private static final Logger log = LoggerFactory.getLogger(LicenseService.class);

  private final Clock clock;
  private final Path file;
  private final int maxBytes;
  private final LicenseVerifier verifier;
  private volatile LicenseState state;

  /**
   * Licence time is checked against the real UTC clock, not the application's {@code Clock} bean:
   * that one is moved by the clock-skew chaos and by tests, and neither may switch the shop off.
   */
  @Autowired
  LicenseService(LicenseProperties props, @Value("${perfshop.data-dir}") Path dataDir) {
    this(props, dataDir, Clock.systemUTC());
  }

  LicenseService(LicenseProperties props, Path dataDir, Clock clock) {
    this.clock = clock;
    this.file = props.file() != null ? props.file() : dataDir.resolve("license.json");
    this.maxBytes = props.maxFileBytes();
    Path keysDir =
        props.trustedKeysDir() != null ? props.trustedKeysDir() : dataDir.resolve("trusted-keys");
    List<PublicKey> keys = trustedKeys(props.trustedKeys(), keysDir);
    this.verifier = new LicenseVerifier(keys, clock, maxBytes);
    if (keys.isEmpty()) {
      log.warn(
          "no trusted licence keys (perfshop.license.trusted-keys or {}): every licence is refused",
          keysDir);
    }
    reload();
  }

  /** Why the shop API is refused right now, or {@code null} when the licence is valid. */
  public LicenseReason currentReason() {
    return state.reasonAt(clock.millis());
  }

  /** Re-reads and re-verifies the licence file (at start; tests use it after writing a file). */
  void reload() {
    byte[] bytes;
    try {
      bytes = readCapped(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the licence file " + file, e);
    }
    LicenseState loaded = new LicenseState(verifier.verify(bytes));
    state = loaded;
    LicenseReason reason = loaded.reasonAt(clock.millis());
    if (reason == null) {
      log.info("licence valid until {}", loaded.license().expiresAt());
    } else {
      log.warn("no valid licence ({}): the shop API answers 402", reason.code());
    }
  }

  /**
   * Verifies {@code bytes} and, only if the licence is valid now, persists it and makes it the
   * active licence. An invalid licence changes nothing and is refused with a 422 problem.
   */
  public synchronized LicenseDetails install(byte[] bytes) {
    Verification v = verifier.verify(bytes);
    if (!v.isValid()) {
      throw new ApiException(
          ProblemType.LICENSE_INVALID,
          "licence refused (" + v.reason().code() + "): " + v.detail(),
          Map.of("reason", v.reason().code()));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the licence in " + file, e);
    }
    state = new LicenseState(v);
    log.info("licence installed, valid until {}", v.license().expiresAt());
    return details();
  }

  /** Removes the installed licence (idempotent); the shop API then answers 402 {@code missing}. */
  public synchronized LicenseDetails remove() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
    state = new LicenseState(verifier.verify(null));
    log.warn("licence removed: the shop API answers 402");
    return details();
  }

  /** What anyone may know: valid or why not, and the validity period. */
  public LicenseStatus status() {
    LicenseState s = state;
    LicenseReason reason = s.reasonAt(clock.millis());
    License l = s.license();
    return new LicenseStatus(
        reason == null,
        reason == null ? null : reason.code(),
        l == null ? null : l.notBefore(),
        l == null ? null : l.expiresAt());
  }

  /** What the instructor sees: the claims, the reason and its detail, the trusted key ids. */
  public LicenseDetails details() {
    LicenseState s = state;
    LicenseReason reason = s.reasonAt(clock.millis());
    return LicenseDetails.of(
        reason, reason == null ? "valid" : s.loadDetail(), s.license(), verifier.trustedKeyIds());
  }

  int maxBytes() {
    return maxBytes;
  }

  private byte[] readCapped(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      // One byte more than the limit is enough for the verifier to refuse it unparsed.
      return in.readNBytes(maxBytes + 1);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static List<PublicKey> trustedKeys(List<String> configured, Path dir) {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      String text = configured.get(i);
      if (text == null || text.isBlank()) {
        continue;
      }
      try {
        keys.add(LicenseKeys.parsePublicKey(text));
      } catch (LicenseFormatException e) {
        throw new IllegalStateException(
            "perfshop.license.trusted-keys[" + i + "] is not an Ed25519 public key", e);
      }
    }
    if (Files.isDirectory(dir)) {
      TreeSet<Path> files = new TreeSet<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{pub,pem}")) {
        ds.forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
      for (Path f : files) {
        try {
          keys.add(LicenseKeys.parsePublicKey(Files.readString(f)));
        } catch (IOException | LicenseFormatException e) {
          throw new IllegalStateException(
              "trusted key file " + f + " is not readable as an Ed25519 public key", e);
        }
      }
    }
    return keys;
  }
}
