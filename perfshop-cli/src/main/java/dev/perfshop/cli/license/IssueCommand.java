package dev.perfshop.cli.license;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.license.License;
import dev.perfshop.license.LicenseFile;
import dev.perfshop.license.LicenseFormatException;
import dev.perfshop.license.LicenseKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perfshop license issue}: signs a licence with a private key. Offline. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a licence with a private key (offline); the key never leaves this machine.",
      "Writes the licence file (format perfshop-license/1, see docs/licence.md)."
    })
public final class IssueCommand implements Callable<Integer> {

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "Private key (PEM) from `perfshop license keygen`.")
  Path key;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description = "Its public key (default: the --key file with .pub instead of .key).")
  Path publicKey;

  @Option(names = "--licensee", required = true, description = "Who the licence is for.")
  String licensee;

  @Option(
      names = "--seats",
      defaultValue = "30",
      description = "Number of students covered (default: ${DEFAULT-VALUE}).")
  int seats;

  @Option(
      names = "--days",
      defaultValue = "365",
      description = "Validity in days from --not-before (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--not-before",
      paramLabel = "WHEN",
      description = "Start of validity: an ISO instant or a date (default: now).")
  String notBefore;

  @Option(
      names = "--edition",
      defaultValue = "lab",
      description = "Edition slug (default: ${DEFAULT-VALUE}).")
  String edition;

  @Option(
      names = "--feature",
      paramLabel = "SLUG",
      description = "A feature slug; repeat for several.")
  List<String> features = new ArrayList<>();

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Where to write the licence (default: standard output).")
  Path outFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (days < 1 || days > 3660) {
      throw usage("--days must be between 1 and 3660");
    }
    Instant now = Clock.systemUTC().instant();
    Instant start = notBefore == null ? now : parseWhen(notBefore);
    PrivateKey privateKey;
    PublicKey pub;
    Path pubFile = publicKey != null ? publicKey : defaultPublicKey(key);
    try {
      privateKey = LicenseKeys.parsePrivateKey(Files.readString(key, StandardCharsets.US_ASCII));
      pub = LicenseKeys.parsePublicKey(Files.readString(pubFile, StandardCharsets.US_ASCII));
      if (KeyFiles.readableByOthers(key)) {
        err.println("warning: " + key + " is readable by other users; chmod 600 it");
      }
    } catch (NoSuchFileException e) {
      throw usage("no such file: " + e.getFile());
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("error: cannot read the keys: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (LicenseFormatException e) {
      throw usage(e.getMessage());
    }
    if (!LicenseKeys.matches(privateKey, pub)) {
      throw usage(pubFile + " is not the public key of " + key);
    }
    License license;
    try {
      license =
          new License(
              licensee,
              edition,
              features,
              seats,
              now,
              start,
              start.plus(Duration.ofDays(days)),
              LicenseKeys.keyId(pub));
    } catch (LicenseFormatException e) {
      throw usage(e.getMessage());
    }
    byte[] file = LicenseFile.sign(license, privateKey).toBytes();
    if (outFile == null) {
      out.print(new String(file, StandardCharsets.UTF_8));
      out.flush();
      return ExitCodes.OK;
    }
    try {
      Path tmp = outFile.resolveSibling(outFile.getFileName() + ".tmp");
      Files.write(tmp, file);
      Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      err.println("error: cannot write " + outFile + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.println(
        "licence for "
            + license.licensee()
            + " ("
            + license.edition()
            + ", "
            + license.seats()
            + " seats) valid "
            + license.notBefore()
            + " to "
            + license.expiresAt()
            + ", key "
            + license.keyId());
    out.println("written to " + outFile);
    return ExitCodes.OK;
  }

  private Instant parseWhen(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw usage("--not-before must be an ISO instant (2026-12-01T08:00:00Z) or a date");
      }
    }
  }

  private static Path defaultPublicKey(Path key) {
    String name = key.getFileName().toString();
    String base = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
    return key.resolveSibling(base + ".pub");
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
