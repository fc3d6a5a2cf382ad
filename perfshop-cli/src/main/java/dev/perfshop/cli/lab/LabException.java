package dev.perfshop.cli.lab;

import dev.perfshop.cli.CliException;
import java.util.List;

/**
 * A lab failure the user can act on: an exit code from {@code ExitCodes}, a message and hints. A
 * {@link CliException}, so any command (not only {@code lab …}) prints it the same way.
 */
public final class LabException extends CliException {

  public LabException(int exitCode, String message, String... hints) {
    this(exitCode, message, null, hints);
  }

  public LabException(int exitCode, String message, Throwable cause, String... hints) {
    super(exitCode, message, List.of(hints), cause);
  }
}
