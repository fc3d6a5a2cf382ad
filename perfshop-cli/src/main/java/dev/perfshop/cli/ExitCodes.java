package dev.perfshop.cli;

import java.util.List;

/**
 * The one table of exit codes of {@code perfshop}. It is printed at the end of {@code --help} and
 * copied in docs/cli.md (a test keeps the two in sync).
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int REJECTED = 4;
  public static final int LICENCE = 5;
  public static final int DOCKER = 6;
  public static final int EXPECTATION_FAILED = 7;

  /** One row of the table. */
  public record Entry(int code, String meaning) {}

  public static final List<Entry> ALL =
      List.of(
          new Entry(OK, "success"),
          new Entry(FAILURE, "unexpected failure"),
          new Entry(USAGE, "usage error (bad option or argument, missing configuration)"),
          new Entry(UNREACHABLE, "server unreachable"),
          new Entry(REJECTED, "request rejected by the server"),
          new Entry(LICENCE, "licence missing or invalid (the server answered 402)"),
          new Entry(DOCKER, "Docker unavailable"),
          new Entry(EXPECTATION_FAILED, "a scenario expectation failed"));

  private ExitCodes() {}

  /** Text shown at the end of {@code perfshop --help}. */
  public static String table() {
    StringBuilder b = new StringBuilder("%nExit codes:%n");
    for (Entry e : ALL) {
      b.append("  ").append(e.code()).append("  ").append(e.meaning()).append("%n");
    }
    return b.toString();
  }
}
