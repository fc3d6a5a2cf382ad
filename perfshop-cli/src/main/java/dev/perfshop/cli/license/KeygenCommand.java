package dev.perfshop.cli.license;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.license.LicenseKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perfshop license keygen}: a new Ed25519 key pair for signing licences. Offline. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Create an Ed25519 key pair for signing licences (offline).",
      "NAME.key is the private key (PKCS#8 PEM, owner-only 0600): keep it off the server.",
      "NAME.pub is the public key (X.509 PEM): give it to the server to trust."
    })
public final class KeygenCommand implements Callable<Integer> {

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Folder for the key files (created if needed; default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      defaultValue = "perfshop-license",
      description = "Base name of the files (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--force", description = "Replace existing key files.")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--name must be a plain file name (letters, digits, . _ -)");
    }
    Path privateFile = outDir.resolve(name + ".key");
    Path publicFile = outDir.resolve(name + ".pub");
    if (!force && (Files.exists(privateFile) || Files.exists(publicFile))) {
      err.println(
          "error: " + privateFile + " or " + publicFile + " exists; use --force to replace them");
      return ExitCodes.FAILURE;
    }
    KeyPair pair = LicenseKeys.generate();
    try {
      Files.createDirectories(outDir);
      KeyFiles.writeOwnerOnly(privateFile, LicenseKeys.privateKeyPem(pair.getPrivate()), force);
      KeyFiles.writePublic(publicFile, LicenseKeys.publicKeyPem(pair.getPublic()), force);
    } catch (FileAlreadyExistsException e) {
      err.println("error: " + e.getFile() + " exists; use --force to replace it");
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println("error: cannot write the key files: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    out.println("key id       " + LicenseKeys.keyId(pair.getPublic()));
    out.println("private key  " + privateFile + "  (owner-only; never copy it to a server)");
    out.println("public key   " + publicFile);
    out.println("trust it on a server: copy the .pub file to <data-dir>/trusted-keys/, or set");
    out.println("  PERFSHOP_LICENSE_TRUSTED_KEYS=" + LicenseKeys.publicKeyBase64(pair.getPublic()));
    return ExitCodes.OK;
  }
}
