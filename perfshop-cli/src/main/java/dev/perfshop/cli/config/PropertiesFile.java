package dev.perfshop.cli.config;

import dev.perfshop.cli.CliException;
import dev.perfshop.cli.ExitCodes;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads and writes the small {@code key=value} files of the CLI (user config, lab workspace). */
final class PropertiesFile {

  private PropertiesFile() {}

  static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).strip()));
    return values;
  }

  static void write(Path file, Map<String, String> values, String comment) {
    Properties p = new Properties();
    p.putAll(values);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(w, comment);
      }
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the platform's defaults
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
