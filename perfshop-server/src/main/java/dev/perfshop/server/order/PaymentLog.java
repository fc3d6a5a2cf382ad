package dev.perfshop.server.order;

import dev.perfshop.server.system.Port;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.PolicyDecider;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ContentCachingRequestWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * card-data-in-logs: writes payment card fields found in a JSON request body to the application
 * log, as a careless debug statement in a payment path would.
 */
@Component
@Port
public class PaymentLog {

  /** A plausible payment logger: what a student would find in the logs. */
  private static final Logger log = LoggerFactory.getLogger("dev.perfshop.server.order.Payments");

  private static final Set<String> NUMBER =
      Set.of("cardnumber", "card_number", "pan", "number", "ccnumber", "card");
  private static final Set<String> EXPIRY =
      Set.of(
          "expiry",
          "expirydate",
          "expiry_date",
          "exp",
          "expiration",
          "expmonth",
          "expyear",
          "expirymonth",
          "expiryyear");
  private static final Set<String> CVV = Set.of("cvv", "cvc", "cvv2", "securitycode", "cvn");

  private final JsonMapper json;

  PaymentLog(JsonMapper json) {
    this.json = json;
  }

  public void log(Activation a, ContentCachingRequestWrapper request) {
    byte[] body = request.getContentAsByteArray();
    if (body.length == 0) {
      return;
    }
    Map<String, String> found = new LinkedHashMap<>();
    try {
      collect(json.readTree(body), found);
    } catch (RuntimeException notJson) {
      return;
    }
    String pan = found.get("pan");
    if (pan == null) {
      return;
    }
    HttpServletRequest r = request;
    switch (a.level()) {
      case 1 ->
          log.info(
              "payment authorisation for {} {}: card {}",
              r.getMethod(),
              PolicyDecider.route(r),
              pan.length() > 10
                  ? pan.substring(0, 6)
                      + "*".repeat(pan.length() - 10)
                      + pan.substring(pan.length() - 4)
                  : pan);
      case 2 -> log.info("payment authorisation for {}: card {}", PolicyDecider.route(r), pan);
      case 3 ->
          log.info(
              "payment authorisation for {}: card {} expiry {}",
              PolicyDecider.route(r),
              pan,
              found.getOrDefault("expiry", "-"));
      case 4 ->
          log.info(
              "payment authorisation for {}: card {} expiry {} cvv {}",
              PolicyDecider.route(r),
              pan,
              found.getOrDefault("expiry", "-"),
              found.getOrDefault("cvv", "-"));
      default ->
          log.info(
              "payment request body for {}: {}",
              PolicyDecider.route(r),
              new String(body, StandardCharsets.UTF_8));
    }
  }

  private static void collect(JsonNode node, Map<String, String> found) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String key = e.getKey().toLowerCase(Locale.ROOT);
        JsonNode v = e.getValue();
        if (v.isValueNode()) {
          String text = v.asString();
          String digits = text.replaceAll("[ -]", "");
          if (NUMBER.contains(key) && digits.matches("\\d{12,19}")) {
            found.putIfAbsent("pan", digits);
          } else if (EXPIRY.contains(key)) {
            found.merge("expiry", text, (x, y) -> x + "/" + y);
          } else if (CVV.contains(key)) {
            found.putIfAbsent("cvv", text);
          }
        } else {
          collect(v, found);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode v : node) {
        collect(v, found);
      }
    }
  }
}
