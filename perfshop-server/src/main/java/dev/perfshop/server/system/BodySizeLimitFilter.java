package dev.perfshop.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses API request bodies over {@code perfshop.http.max-body-bytes} with a 413 problem before
 * any handler sees them. A declared length is checked up front; a chunked body is read up to the
 * limit and replayed, so a handler never parses a partial body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long limit;
  private final JsonMapper json;

  public BodySizeLimitFilter(
      @Value("${perfshop.http.max-body-bytes:65536}") long limit, JsonMapper json) {
    this.limit = limit;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      reject(request, response);
      return;
    }
    if (declared >= 0) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) limit + 1);
    if (body.length > limit) {
      reject(request, response);
      return;
    }
    chain.doFilter(new ReplayedRequest(request, body), response);
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            type.status(), "request bodies are limited to " + limit + " bytes");
    problem.setType(type.uri());
    problem.setTitle(type.title());
    problem.setInstance(java.net.URI.create(request.getRequestURI()));
    response.setStatus(type.status().value());
    response.setContentType("application/problem+json");
    // The unread body is not drained: the connection is closed instead.
    response.setHeader("Connection", "close");
    json.writeValue(response.getOutputStream(), problem);
  }
}
