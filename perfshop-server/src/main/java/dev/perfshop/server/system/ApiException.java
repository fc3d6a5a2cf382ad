package dev.perfshop.server.system;

import java.util.Map;

/**
 * An error the API reports as a problem detail. Features throw it (or a subclass); {@link
 * ProblemAdvice} renders it. Extension members are added to the problem body.
 */
public class ApiException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> extensions;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ApiException(ProblemType type, String detail, Map<String, Object> extensions) {
    super(detail);
    this.type = type;
    this.extensions = Map.copyOf(extensions);
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public static ApiException notFound(String what, Object id) {
    return new ApiException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
  }
}
