package dev.perfshop.server.system;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable {@code type} URIs of every problem the API returns. Clients may switch on them; they
 * are listed in docs/api.md and never change meaning.
 */
public enum ProblemType {
  BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
  VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid input"),
  MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),
  MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Not signed in"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request"),
  OUT_OF_STOCK("out-of-stock", HttpStatus.CONFLICT, "Out of stock"),
  PAYMENT_DECLINED("payment-declined", HttpStatus.UNPROCESSABLE_CONTENT, "Payment declined"),
  TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
  UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
  TOKEN_MISSING("token-missing", HttpStatus.PRECONDITION_REQUIRED, "Token required"),
  TOKEN_INVALID("token-invalid", HttpStatus.FORBIDDEN, "Invalid token"),
  TOKEN_EXPIRED("token-expired", HttpStatus.FORBIDDEN, "Token expired"),
  TOKEN_REPLAYED("token-replayed", HttpStatus.CONFLICT, "Token already used"),
  LICENSE_REQUIRED("license-required", HttpStatus.PAYMENT_REQUIRED, "Licence required"),
  LICENSE_INVALID("license-invalid", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid licence"),
  ADMIN_TOKEN("admin-token", HttpStatus.UNAUTHORIZED, "Admin token required");

  public static final String BASE = "https://perfshop.dev/problems/";

  private final URI uri;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.uri = URI.create(BASE + slug);
    this.status = status;
    this.title = title;
  }

  public URI uri() {
    return uri;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The type used for a framework error that only carries a status. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 402 -> LICENSE_REQUIRED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> UNPROCESSABLE;
      case 429 -> TOO_MANY_REQUESTS;
      case 503 -> UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : BAD_REQUEST;
    };
  }
}
