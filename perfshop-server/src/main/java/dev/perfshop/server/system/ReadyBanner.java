package dev.perfshop.server.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the operator where everything is once the server is ready. */
@Component
class ReadyBanner {

  private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      int port = web.getWebServer().getPort();
      String base = "http://localhost:" + port;
      log.info(
          "PerfShop ready: pages {}/ (shop, student, instructor, admin), shop API {}/api/products,"
              + " metrics {}/actuator/prometheus, API docs {}/swagger-ui.html",
          base,
          base,
          base,
          base);
    }
  }
}
