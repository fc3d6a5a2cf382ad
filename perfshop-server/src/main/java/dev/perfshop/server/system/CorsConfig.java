package dev.perfshop.server.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * CORS, first in the request pipeline. Only the shop API ({@code /api/**}) is CORS-enabled, for the
 * origins of {@code CORS_ALLOWED_ORIGINS}, with credentials; admin routes never are, so a page of
 * another origin cannot even read their answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class CorsConfig {

  static final List<String> EXPOSED_HEADERS =
      List.of(
          "X-Session-Token",
          "X-Action-Token",
          "X-CSRF-Token",
          "X-Step-Token",
          "X-Signature",
          "X-Request-ID",
          "X-Key-Hint");

  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties props, JsonMapper json) {
    CorsFilter filter = new CorsFilter(source(props));
    filter.setCorsProcessor(new ProblemCorsProcessor(json));
    FilterRegistrationBean<CorsFilter> bean = new FilterRegistrationBean<>(filter);
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return bean;
  }

  static CorsConfigurationSource source(CorsProperties props) {
    if (props.allowedOrigins().isEmpty()) {
      return request -> null;
    }
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOrigins(props.allowedOrigins());
    config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
    config.setAllowedHeaders(List.of("*"));
    config.setExposedHeaders(EXPOSED_HEADERS);
    config.setAllowCredentials(true);
    config.setMaxAge(600L);
    return request -> {
      String path = request.getRequestURI();
      boolean shopApi = path.startsWith("/api/") && !isAdmin(path);
      return shopApi ? config : null;
    };
  }

  static boolean isAdmin(String path) {
    return path.equals("/api/admin") || path.startsWith("/api/admin/");
  }

  /** Refuses a disallowed cross-origin request with a 403 problem instead of plain text. */
  private static final class ProblemCorsProcessor extends DefaultCorsProcessor {
    private final JsonMapper json;

    ProblemCorsProcessor(JsonMapper json) {
      this.json = json;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
      if (!(response instanceof ServletServerHttpResponse servlet)) {
        super.rejectRequest(response);
        return;
      }
      HttpServletResponse res = servlet.getServletResponse();
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.FORBIDDEN, "this origin is not allowed to call the PerfShop API");
      problem.setType(ProblemType.FORBIDDEN.uri());
      problem.setTitle(ProblemType.FORBIDDEN.title());
      res.setStatus(HttpStatus.FORBIDDEN.value());
      res.setContentType("application/problem+json");
      json.writeValue(res.getOutputStream(), problem);
      response.flush();
    }
  }
}
