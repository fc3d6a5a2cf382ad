package dev.perfshop.server.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, as a problem detail. Tomcat answers some requests before any filter or
 * handler runs — an encoded slash or a {@code ..} above the root, {@code %00}, invalid UTF-8 in the
 * path, a header that is too large or holds a CR, a negative Content-Length — and its stock valve
 * writes an HTML page without the security headers. This one writes {@code
 * application/problem+json} with a request id ({@code X-Request-ID} and {@code requestId}) and the
 * API's security headers. Installed on the host by {@link TomcatProblemsConfig}.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

  private final JsonMapper json;

  ProblemErrorReportValve(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    try {
      String id = RequestIdFilter.idOf(request);
      ProblemDetail problem = ProblemAdvice.containerProblem(status, id);
      problem.setInstance(instance(request.getDecodedRequestURI()));
      String body = json.writeValueAsString(problem);
      response.setHeader(RequestIdFilter.HEADER, id);
      SecurityHeadersFilter.HEADERS.forEach(response::setHeader);
      response.setHeader("Cache-Control", "no-store");
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response cannot be written: nothing more to do
    }
  }

  /** The path as an instance URI, or none when the path itself is what was malformed. */
  static URI instance(String path) {
    if (path == null || !path.startsWith("/") || path.length() > 2048) {
      return null;
    }
    try {
      return new URI(null, null, path, null);
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
