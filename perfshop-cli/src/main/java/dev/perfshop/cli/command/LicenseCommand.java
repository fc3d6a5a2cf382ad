package dev.perfshop.cli.command;

import dev.perfshop.cli.license.IssueCommand;
import dev.perfshop.cli.license.KeygenCommand;
import picocli.CommandLine.Command;

/**
 * {@code perfshop license …}. Server-side subcommands (install, show, remove) talk to {@code
 * /api/admin/license}; offline ones (keygen, issue) sign with a local private key that never leaves
 * the machine.
 */
@Command(
    name = "license",
    aliases = "licence",
    description =
        "Create signing keys and licences; install, show and remove the server's licence.",
    subcommands = {
      KeygenCommand.class,
      IssueCommand.class,
      LicenseInstallCommand.class,
      LicenseShowCommand.class,
      LicenseRemoveCommand.class
    })
public final class LicenseCommand extends Parent {

  static final String PATH = "/api/admin/license";
}
