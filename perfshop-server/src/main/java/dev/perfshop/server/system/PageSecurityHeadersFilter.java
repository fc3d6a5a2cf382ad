package dev.perfshop.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers for the browser pages and their assets: a strict Content-Security-Policy (the
 * pages load nothing but their own scripts, styles and images and call only this origin), no
 * framing, no MIME sniffing. API, actuator and API-docs responses are left alone. The chaos
 * security family may remove these headers on purpose ({@code missing-security-headers}).
 */
@Component
public class PageSecurityHeadersFilter extends OncePerRequestFilter {

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isPage(request.getRequestURI().substring(request.getContextPath().length()))) {
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("Referrer-Policy", "same-origin");
    }
    chain.doFilter(request, response);
  }

  static boolean isPage(String path) {
    return !(path.startsWith("/api/")
        || path.equals("/api")
        || path.startsWith("/actuator")
        || path.startsWith("/v3/")
        || path.startsWith("/swagger-ui"));
  }
}
