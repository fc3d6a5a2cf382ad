package dev.perfshop.cli.lab;

import java.util.List;

/** A lab failure the user can act on: an exit code from {@code ExitCodes}, a message and hints. */
public final class LabException extends RuntimeException {

  private final int exitCode;
  private final List<String> hints;

  public LabException(int exitCode, String message, String... hints) {
    this(exitCode, message, null, hints);
  }

  public LabException(int exitCode, String message, Throwable cause, String... hints) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hints = List.of(hints);
  }

  public int exitCode() {
    return exitCode;
  }

  public List<String> hints() {
    return hints;
  }
}
