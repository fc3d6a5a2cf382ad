package dev.perfshop.cli.http;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An RFC 9457 problem detail answered by the server (or made up from the status line when the
 * answer was not a problem document). {@code body} keeps every extension member.
 */
public record Problem(String type, String title, int status, String detail, JsonNode body) {

  static Problem from(int status, JsonNode body) {
    return new Problem(
        Json.text(body, "type", "about:blank"),
        Json.text(body, "title", "HTTP " + status),
        status,
        Json.text(body, "detail"),
        body);
  }

  /** {@code title: detail}, or the title alone. */
  public String summary() {
    return detail.isEmpty() ? title : title + ": " + detail;
  }

  /** Lines that help beyond the summary: field errors, the licence reason, the request id. */
  public List<String> details() {
    List<String> lines = new ArrayList<>();
    JsonNode errors = body == null ? null : body.get("errors");
    if (errors != null && errors.isArray()) {
      for (JsonNode e : errors) {
        lines.add(Json.text(e, "field", "?") + ": " + Json.text(e, "message"));
      }
    }
    String reason = Json.text(body, "reason");
    if (!reason.isEmpty()) {
      lines.add("reason: " + reason);
    }
    return lines;
  }

  public String requestId() {
    return Json.text(body, "requestId");
  }
}
