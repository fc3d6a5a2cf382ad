package dev.perfshop.cli.command;

import picocli.CommandLine.Command;

/**
 * {@code perfshop license …}. Server-side subcommands (install, show, remove) talk to {@code
 * /api/admin/license}; offline ones (keygen, issue) are added to this list by class.
 */
@Command(
    name = "license",
    aliases = "licence",
    description = "Install, show and remove the server's licence.",
    subcommands = {
      LicenseInstallCommand.class,
      LicenseShowCommand.class,
      LicenseRemoveCommand.class
    })
public final class LicenseCommand extends Parent {

  static final String PATH = "/api/admin/license";
}
