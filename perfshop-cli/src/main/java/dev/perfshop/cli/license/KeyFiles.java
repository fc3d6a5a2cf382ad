package dev.perfshop.cli.license;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes key files; a private key is created owner-only (0600) from its first byte. */
final class KeyFiles {

  private KeyFiles() {}

  /**
   * Creates {@code file} with mode 0600 and writes {@code text}. The permissions are set at
   * creation, so the key is never readable by others, not even briefly.
   */
  static void writeOwnerOnly(Path file, String text, boolean replace) throws IOException {
    if (replace) {
      Files.deleteIfExists(file);
    }
    boolean posix = Files.getFileStore(existingParent(file)).supportsFileAttributeView("posix");
    if (posix) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  static void writePublic(Path file, String text, boolean replace) throws IOException {
    if (!replace && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  /**
   * Whether group or others may read {@code file} (always false where POSIX modes do not exist).
   */
  static boolean readableByOthers(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
    return p.contains(PosixFilePermission.GROUP_READ)
        || p.contains(PosixFilePermission.OTHERS_READ);
  }

  private static Path existingParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }
}
