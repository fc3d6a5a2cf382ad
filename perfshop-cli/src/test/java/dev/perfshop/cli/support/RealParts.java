package dev.perfshop.cli.support;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Rule for suites that need a real part (the server jar, tmux…): when the part is missing, a
 * developer's run skips with a loud reason, and a CI run ({@code CI=true}) fails.
 */
public final class RealParts {

  private RealParts() {}

  public static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  public static void require(boolean present, String what, String howToGetIt) {
    if (present) {
      return;
    }
    String reason = what + " is not available: " + howToGetIt;
    if (ci()) {
      fail("CI=true and " + reason);
    }
    System.err.println("SKIPPED (real part missing): " + reason);
    Assumptions.abort(reason);
  }
}
