package dev.perfshop.server.customer;

import dev.perfshop.server.system.Port;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.util.WebUtils;

/** The shop's cookies: HttpOnly, SameSite=Lax, path /, Secure when configured. */
@Port
public final class Cookies {

  private Cookies() {}

  public static String read(HttpServletRequest request, String name) {
    var cookie = WebUtils.getCookie(request, name);
    return cookie == null ? null : cookie.getValue();
  }

  public static void write(
      HttpServletResponse response, String name, String value, Duration maxAge, boolean secure) {
    ResponseCookie cookie =
        ResponseCookie.from(name, value)
            .httpOnly(true)
            .secure(secure)
            .sameSite("Lax")
            .path("/")
            .maxAge(maxAge)
            .build();
    response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
  }

  public static void clear(HttpServletResponse response, String name, boolean secure) {
    write(response, name, "", Duration.ZERO, secure);
  }
}
