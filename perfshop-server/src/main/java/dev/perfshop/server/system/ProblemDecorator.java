package dev.perfshop.server.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;

/**
 * Seam through which a feature may add members to the problem detail of an exception before it is
 * rendered (the chaos engine's verbose-errors anomaly uses it). Implementations must be cheap when
 * they have nothing to add.
 */
public interface ProblemDecorator {

  void decorate(ProblemDetail problem, Throwable error, HttpServletRequest request);
}
