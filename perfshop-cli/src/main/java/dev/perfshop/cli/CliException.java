package dev.perfshop.cli;

import java.util.List;

/**
 * A failure the user can act on: carries the exit code (see {@link ExitCodes}) and a one-line
 * message printed as {@code error: <message>}, plus optional hint lines.
 */
public class CliException extends RuntimeException {

  private final int exitCode;
  private final List<String> hints;

  public CliException(int exitCode, String message) {
    this(exitCode, message, List.of(), null);
  }

  public CliException(int exitCode, String message, Throwable cause) {
    this(exitCode, message, List.of(), cause);
  }

  public CliException(int exitCode, String message, List<String> hints, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hints = List.copyOf(hints);
  }

  public int exitCode() {
    return exitCode;
  }

  /** Extra lines printed under the error (what to try next, field errors…). */
  public List<String> hints() {
    return hints;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }
}
