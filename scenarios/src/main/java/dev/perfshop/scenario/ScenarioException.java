package dev.perfshop.scenario;

/** A scenario file that cannot be used, with the place in the file that is wrong. */
public class ScenarioException extends RuntimeException {

  private final String file;
  private final int line;
  private final int column;

  public ScenarioException(String file, int line, int column, String message, Throwable cause) {
    super(file + ":" + line + ":" + column + ": " + message, cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
