package dev.perfshop.server.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Seam that may withhold some of the security headers {@link SecurityHeadersFilter} sets (the chaos
 * engine's missing-security-headers anomaly uses it). Returns the header names to omit.
 */
public interface SecurityHeadersPolicy {

  Set<String> omitted(HttpServletRequest request);
}
