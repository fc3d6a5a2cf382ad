package dev.perfshop.server.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The browser pages are one single-page application ({@code classpath:/static/index.html}, built
 * from {@code web/}). Its page routes are forwarded to that file so a reload or a shared link
 * works; {@code /api/**}, {@code /actuator/**} and static files are not touched.
 */
@Controller
class WebPagesController {

  @GetMapping(
      path = {
        "/",
        "/shop",
        "/shop/**",
        "/student",
        "/student/**",
        "/instructor",
        "/instructor/**",
        "/admin",
        "/admin/**"
      })
  String page() {
    return "forward:/index.html";
  }
}
