package dev.perfshop.server.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The instructor token, kept only as its SHA-256 digest. {@link #matches} hashes the candidate and
 * compares digests with {@link MessageDigest#isEqual}, so the time taken depends neither on where
 * the first difference is nor on the candidate's length.
 */
final class AdminToken {

  /** Shortest token accepted from configuration. */
  static final int MIN_LENGTH = 32;

  /**
   * Tokens printed in the documentation. An operator who copies one is refused at start; a test
   * keeps this list in step with docs/.
   */
  static final Set<String> DOCUMENTED_EXAMPLES =
      Set.of(
          "ps-admin-EXAMPLE-do-not-use-0123456789abcdef",
          "change-me-change-me-change-me-change-me",
          "0123456789abcdef0123456789abcdef");

  static final String HASH_FILE = "admin-token.sha256";
  static final String TOKEN_FILE = "admin-token";

  private final byte[] digest;
  private final Source source;

  enum Source {
    CONFIGURED,
    STORED,
    GENERATED
  }

  private AdminToken(byte[] digest, Source source) {
    this.digest = digest;
    this.source = source;
  }

  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
  }

  Source source() {
    return source;
  }

  /** Checks a configured token; refuses short or documented ones (the server does not start). */
  static AdminToken configured(String token) {
    if (token.length() < MIN_LENGTH) {
      throw new IllegalStateException(
          "perfshop.admin.token (PERFSHOP_ADMIN_TOKEN) is shorter than "
              + MIN_LENGTH
              + " characters; use a random one (e.g. `openssl rand -base64 32`)");
    }
    if (DOCUMENTED_EXAMPLES.contains(token.strip())) {
      throw new IllegalStateException(
          "perfshop.admin.token (PERFSHOP_ADMIN_TOKEN) is an example copied from the documentation;"
              + " use a random one (e.g. `openssl rand -base64 32`)");
    }
    if (!token.equals(token.strip())) {
      throw new IllegalStateException(
          "perfshop.admin.token (PERFSHOP_ADMIN_TOKEN) starts or ends with white space");
    }
    return new AdminToken(sha256(token), Source.CONFIGURED);
  }

  /**
   * The token stored in {@code dataDir}, or a new one: 256 bits from a CSPRNG, of which only the
   * digest is kept ({@link #HASH_FILE}); the plain token is written once to the owner-only {@link
   * #TOKEN_FILE} and handed to {@code announce} for the console.
   */
  static AdminToken storedOrGenerated(
      Path dataDir, SecureRandom random, Consumer<String> announce) {
    Path hashFile = dataDir.resolve(HASH_FILE);
    try {
      if (Files.exists(hashFile)) {
        byte[] stored = HexFormat.of().parseHex(Files.readString(hashFile).strip());
        if (stored.length != 32) {
          throw new IllegalStateException(hashFile + " does not hold a SHA-256 digest");
        }
        return new AdminToken(stored, Source.STORED);
      }
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Files.createDirectories(dataDir);
      writeOwnerOnly(dataDir.resolve(TOKEN_FILE), token + "\n");
      Path tmp = dataDir.resolve(HASH_FILE + ".tmp");
      Files.writeString(tmp, HexFormat.of().formatHex(sha256(token)) + "\n");
      Files.move(tmp, hashFile, StandardCopyOption.ATOMIC_MOVE);
      announce.accept(token);
      return new AdminToken(sha256(token), Source.GENERATED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the admin token in " + dataDir, e);
    }
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not POSIX (Windows): the folder's ACL applies
    } catch (FileAlreadyExistsException e) {
      throw new IOException("refusing to reuse " + file, e);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "AdminToken[" + source + "]";
  }
}
