package dev.perfshop.cli;

/** The one table of exit codes of {@code perfshop}; documented in docs/cli.md. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int REJECTED = 4;
  public static final int LICENCE = 5;
  public static final int DOCKER = 6;
  public static final int EXPECTATION_FAILED = 7;

  private ExitCodes() {}

  /** Text shown at the end of {@code perfshop --help}. */
  public static String table() {
    return """
        Exit codes:
          0  success
          1  unexpected failure
          2  usage error (bad option or argument)
          3  server unreachable
          4  request rejected by the server
          5  licence missing or invalid
          6  Docker unavailable
          7  a scenario expectation failed
        """;
  }
}
