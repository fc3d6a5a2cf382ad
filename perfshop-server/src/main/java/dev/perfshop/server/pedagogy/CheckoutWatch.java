package dev.perfshop.server.pedagogy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Watches checkouts ({@code POST /api/orders}) for an {@code X-Agent-Code} header and hands each
 * new order to {@link DoingCheckouts} just before its answer is written, so a script that reads its
 * progress right after the 201 sees the checkout counted. It never changes the checkout's answer:
 * an unknown code, a refused or replayed checkout is simply not counted, nor is a checkout the web
 * pages make ({@code X-Perfshop-Client: web}: the shop page carries the agent code and the tokens,
 * and clicking is not scripting).
 */
@ControllerAdvice
class CheckoutWatch implements ResponseBodyAdvice<Object> {

  private static final Logger log = LoggerFactory.getLogger(CheckoutWatch.class);
  private static final Pattern ORDER = Pattern.compile("/api/orders/(\\d{1,18})$");

  // a provider: web slices (@WebMvcTest) load controller advice without the pedagogy services
  private final SingletonSupplier<DoingCheckouts> doing;

  CheckoutWatch(ObjectProvider<DoingCheckouts> doing) {
    this.doing = SingletonSupplier.ofNullable(doing::getIfAvailable);
  }

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
    if (request.getMethod() != HttpMethod.POST
        || !"/api/orders".equals(request.getURI().getPath())
        || !(response instanceof ServletServerHttpResponse servlet)
        || servlet.getServletResponse().getStatus() != 201
        || response.getHeaders().getFirst("Idempotent-Replayed") != null) {
      return body;
    }
    if ("web".equalsIgnoreCase(request.getHeaders().getFirst(DoingCheckouts.WEB_CLIENT_HEADER))) {
      // a checkout clicked in the shop page: doing enigmas are solved by the student's own script
      return body;
    }
    String agent = request.getHeaders().getFirst(DoingCheckouts.HEADER);
    String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    Matcher m = location == null ? null : ORDER.matcher(location);
    if (agent == null || agent.isBlank() || m == null || !m.find()) {
      return body;
    }
    DoingCheckouts counter = doing.get();
    if (counter == null) {
      return body;
    }
    try {
      counter.placed(agent, Long.parseLong(m.group(1)));
    } catch (RuntimeException e) {
      // counting must never break a checkout; the agent code is not logged
      log.warn("a doing checkout was not counted: {}", e.toString());
    }
    return body;
  }
}
