package dev.perfshop.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be used, with every place in the file that is wrong. */
public class ScenarioException extends RuntimeException {

  /** One error at {@code file:line:column}. */
  public record Error(String file, int line, int column, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ":" + column + ": " + message;
    }
  }

  private final List<Error> errors;

  public ScenarioException(List<Error> errors, Throwable cause) {
    super(errors.stream().map(Error::toString).collect(Collectors.joining("\n")), cause);
    this.errors = List.copyOf(errors);
  }

  public ScenarioException(String file, int line, int column, String message, Throwable cause) {
    this(List.of(new Error(file, line, column, message)), cause);
  }

  public List<Error> errors() {
    return errors;
  }

  public String file() {
    return errors.getFirst().file();
  }

  public int line() {
    return errors.getFirst().line();
  }

  public int column() {
    return errors.getFirst().column();
  }
}
