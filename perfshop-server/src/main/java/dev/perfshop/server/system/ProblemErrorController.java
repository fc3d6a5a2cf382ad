package dev.perfshop.server.system;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code BasicErrorController}: an error the container dispatches to {@code
 * /error} (an exception thrown by a filter, such as a malformed chunked body, or a {@code
 * sendError}) is answered with a problem detail, the request's id and the security headers, like
 * every other error.
 */
@Hidden // not part of the API contract
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i && i >= 400 ? i : 404; // GET /error itself: nothing here
    String id = RequestIdFilter.idOf(request);
    response.setHeader(RequestIdFilter.HEADER, id);
    SecurityHeadersFilter.HEADERS.forEach(response::setHeader);
    ProblemDetail body = ProblemAdvice.containerProblem(status, id);
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      body.setInstance(ProblemErrorReportValve.instance(uri));
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
