package dev.perfshop.server.license;

import dev.perfshop.license.LicenseReason;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The licence gate (interceptor order 10): a shop API request without a valid licence is answered
 * 402 with the machine-readable {@code reason}. The check is a read of the service's volatile
 * state; nothing about the licence or the keys is disclosed.
 */
final class LicenseInterceptor implements HandlerInterceptor {

  static final int ORDER = 10;

  private final LicenseService licenses;

  LicenseInterceptor(LicenseService licenses) {
    this.licenses = licenses;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    LicenseReason reason = licenses.currentReason();
    if (reason == null || CorsUtils.isPreFlightRequest(request)) {
      return true;
    }
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    throw new ApiException(
        ProblemType.LICENSE_REQUIRED,
        "this PerfShop server has no valid licence (" + reason.code() + ")",
        Map.of("reason", reason.code()));
  }
}
