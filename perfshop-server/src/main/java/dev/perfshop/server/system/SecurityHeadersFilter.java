package dev.perfshop.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/** Sets the security headers of every API response. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class SecurityHeadersFilter extends OncePerRequestFilter {

  public static final Map<String, String> HEADERS = headers();

  // resolved on first use and kept: ObjectProvider.getIfAvailable matches every bean definition
  // by type on each call (see StatsFilter)
  private final SingletonSupplier<SecurityHeadersPolicy> policy;

  public SecurityHeadersFilter(ObjectProvider<SecurityHeadersPolicy> policy) {
    this.policy = SingletonSupplier.ofNullable(policy::getIfAvailable);
  }

  private static Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    return java.util.Collections.unmodifiableMap(h);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SecurityHeadersPolicy p = policy.get();
    Set<String> omitted = p == null ? Set.of() : p.omitted(request);
    HEADERS.forEach(
        (name, value) -> {
          if (!omitted.contains(name)) {
            response.setHeader(name, value);
          }
        });
    chain.doFilter(request, response);
  }
}
