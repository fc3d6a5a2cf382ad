package dev.perfshop.cli.http;

import dev.perfshop.cli.CliException;
import java.util.ArrayList;
import java.util.List;

/** The server refused a request with a problem detail; printed as {@code error: title: detail}. */
public final class ProblemException extends CliException {

  private final Problem problem;

  public ProblemException(int exitCode, Problem problem, List<String> extraHints) {
    super(exitCode, problem.summary(), hints(problem, extraHints), null);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  private static List<String> hints(Problem problem, List<String> extra) {
    List<String> all = new ArrayList<>(problem.details());
    all.addAll(extra);
    return all;
  }
}
