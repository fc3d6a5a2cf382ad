package dev.perfshop.server.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of the API as an RFC 9457 problem detail with a stable {@code type} URI
 * ({@link ProblemType}). Framework errors (405, 415, malformed JSON, validation…) get their type
 * from their status; unexpected exceptions become a 500 whose detail reveals nothing internal.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
  private static final URI ABOUT_BLANK = URI.create("about:blank");
  private static final java.util.regex.Pattern DUPLICATE =
      java.util.regex.Pattern.compile("Duplicate (?:Object property|field) \"([^\"]*)\"");

  private final ObjectProvider<ProblemDecorator> decorators;

  public ProblemAdvice(ObjectProvider<ProblemDecorator> decorators) {
    this.decorators = decorators;
  }

  /**
   * The problem for an error the servlet container answered by itself, before or outside the API's
   * handlers: a request Tomcat could not parse ({@link ProblemErrorReportValve}) or an error it
   * dispatched to {@code /error} ({@link ProblemErrorController}). A 400 there is always a
   * malformed request: request line, path, headers or body framing.
   */
  public static ProblemDetail containerProblem(int status, String requestId) {
    ProblemType type =
        status == 400 ? ProblemType.MALFORMED_REQUEST : ProblemType.forStatus(status);
    String detail =
        switch (status) {
          case 400 ->
              "the request line, path, headers or body framing are malformed"
                  + " (for example an encoded '/' or '..' in the path, %00, invalid UTF-8,"
                  + " an oversized or invalid header, an invalid Content-Length or chunk)";
          case 404 -> "there is nothing at this path";
          default -> status >= 500 ? "the server failed to handle this request" : type.title();
        };
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
    body.setType(type.uri());
    body.setTitle(type.title());
    if (requestId != null) {
      body.setProperty("requestId", requestId);
    }
    return body;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(e.type().status(), e.getMessage());
    body.setType(e.type().uri());
    body.setTitle(e.type().title());
    e.extensions().forEach(body::setProperty);
    HttpHeaders headers = new HttpHeaders();
    // rate limits say when to come back, in the body and in the standard header
    if (e.extensions().get("retryAfterSeconds") instanceof Number seconds) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
    }
    decorate(body, e, request);
    return render(body, headers, request);
  }

  /** A Content-Type whose charset Java does not know (Spring reads it before any handler). */
  @ExceptionHandler({
    java.nio.charset.UnsupportedCharsetException.class,
    java.nio.charset.IllegalCharsetNameException.class
  })
  ResponseEntity<Object> unknownCharset(IllegalArgumentException e, WebRequest request) {
    return api(notUtf8Charset(null), request);
  }

  /** Request bodies are UTF-8 only. */
  public static ApiException notUtf8Charset(String charset) {
    String given =
        charset == null || !charset.matches("[A-Za-z0-9._:-]{1,40}")
            ? "this charset"
            : "charset=" + charset;
    return new ApiException(
        ProblemType.UNSUPPORTED_MEDIA_TYPE,
        "request bodies must be UTF-8; " + given + " is refused");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            ProblemType.VALIDATION.status(), "parameter '" + e.getName() + "' has a wrong type");
    body.setType(ProblemType.VALIDATION.uri());
    body.setTitle(ProblemType.VALIDATION.title());
    return render(body, new HttpHeaders(), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    log.error("unexpected error", e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            ProblemType.INTERNAL.status(), "the server failed to handle this request");
    body.setType(ProblemType.INTERNAL.uri());
    body.setTitle(ProblemType.INTERNAL.title());
    decorate(body, e, request);
    return render(body, new HttpHeaders(), request);
  }

  private void decorate(ProblemDetail body, Exception e, WebRequest request) {
    if (request instanceof ServletWebRequest web) {
      decorators.forEach(d -> d.decorate(body, e, web.getRequest()));
    }
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, Object>> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> Map.<String, Object>of("field", f.getField(), "message", message(f)))
            .toList();
    return validation(errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, Object>> errors =
        e.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            err ->
                                Map.<String, Object>of(
                                    "field",
                                    String.valueOf(r.getMethodParameter().getParameterName()),
                                    "message",
                                    String.valueOf(err.getDefaultMessage()))))
            .toList();
    return validation(errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String duplicate = duplicateKey(e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            status,
            duplicate != null
                ? "the request body names '" + duplicate + "' twice; give each key once"
                : "the request body is not valid JSON for this operation");
    body.setType(ProblemType.MALFORMED_BODY.uri());
    body.setTitle(ProblemType.MALFORMED_BODY.title());
    return render(body, headers, request);
  }

  /** The key a body repeats (Jackson's strict duplicate detection), or null. */
  private static String duplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof tools.jackson.core.exc.StreamReadException read
          && read.getOriginalMessage() != null) {
        java.util.regex.Matcher m = DUPLICATE.matcher(read.getOriginalMessage());
        if (m.find()) {
          String key = m.group(1);
          return key.length() > 64 ? key.substring(0, 64) + "…" : key;
        }
      }
    }
    return null;
  }

  /** Gives every framework-made problem a stable type and keeps its status and detail. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem) {
      ProblemType type = ProblemType.forStatus(status.value());
      if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
        problem.setType(type.uri());
      }
      if (problem.getTitle() == null) {
        problem.setTitle(type.title());
      }
      return render(problem, headers, request);
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private ResponseEntity<Object> validation(
      List<Map<String, Object>> errors, HttpHeaders headers, WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            ProblemType.VALIDATION.status(),
            "the request has " + errors.size() + " invalid field(s)");
    body.setType(ProblemType.VALIDATION.uri());
    body.setTitle(ProblemType.VALIDATION.title());
    body.setProperty("errors", errors);
    return render(body, headers, request);
  }

  private static String message(org.springframework.validation.FieldError f) {
    return f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage();
  }

  private static ResponseEntity<Object> render(
      ProblemDetail body, HttpHeaders headers, WebRequest request) {
    if (request instanceof ServletWebRequest web) {
      HttpServletRequest servlet = web.getRequest();
      body.setInstance(URI.create(servlet.getRequestURI()));
      Object requestId = servlet.getAttribute(RequestIdFilter.ATTRIBUTE);
      if (requestId != null) {
        body.setProperty("requestId", requestId);
      }
    }
    Map<String, Object> props = body.getProperties();
    if (props != null) {
      body.setProperties(new LinkedHashMap<>(props));
    }
    return ResponseEntity.status(body.getStatus())
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }
}
