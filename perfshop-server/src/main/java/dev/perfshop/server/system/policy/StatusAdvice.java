package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** wrong-status: successful JSON responses go out with a wrong status and their normal body. */
@RestControllerAdvice
class StatusAdvice implements ResponseBodyAdvice<Object> {

  private static final ChaosType WRONG_STATUS = ChaosType.of("wrong-status");

  @Override
  public boolean supports(
      MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(
      Object body,
      MethodParameter returnType,
      MediaType contentType,
      Class<? extends HttpMessageConverter<?>> converterType,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    Activation a = PolicyContext.hit(WRONG_STATUS);
    if (a == null
        || body instanceof ProblemDetail
        || !(response instanceof ServletServerHttpResponse servlet)) {
      return body;
    }
    int status = servlet.getServletResponse().getStatus();
    if (status < 200 || status >= 300) {
      return body;
    }
    response.setStatusCode(wrong(a.level(), status));
    return body;
  }

  static HttpStatus wrong(int level, int status) {
    return switch (level) {
      case 1 -> HttpStatus.NON_AUTHORITATIVE_INFORMATION;
      case 2 -> status == 201 ? HttpStatus.OK : HttpStatus.CREATED;
      case 3 -> HttpStatus.NOT_FOUND;
      case 4 -> HttpStatus.INTERNAL_SERVER_ERROR;
      default -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }
}
