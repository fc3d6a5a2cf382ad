package dev.perfshop.cli.command;

import static dev.perfshop.cli.http.Json.text;

import dev.perfshop.cli.output.Durations;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Human text for an {@code Activation} of the chaos API. */
final class ActivationText {

  private ActivationText() {}

  static String routes(JsonNode a) {
    List<String> routes = new ArrayList<>();
    a.path("routes").forEach(r -> routes.add(r.asString()));
    return routes.isEmpty() ? "(default)" : String.join(",", routes);
  }

  /** "every 10th request" in the deterministic mode, else the probability ("" when absent). */
  static String rate(JsonNode a) {
    String every = text(a, "every");
    return every.isEmpty() ? text(a, "probability") : "every " + every + "th request";
  }

  static String scope(JsonNode a) {
    JsonNode scope = a.path("scope");
    String kind = text(scope, "kind", "all");
    String id = text(scope, "id");
    return id.isEmpty() ? kind : kind + ":" + id;
  }

  /** "enabled latency (performance) at level 3, …, expires in 10m00s". */
  static String enabled(JsonNode a) {
    StringBuilder b = new StringBuilder("enabled ").append(text(a, "type"));
    String family = text(a, "family");
    if (!family.isEmpty()) {
      b.append(" (").append(family).append(")");
    }
    b.append(" at level ").append(text(a, "level"));
    String rate = rate(a);
    if (!rate.isEmpty()) {
      b.append(", ").append(rate.startsWith("every") ? rate : "probability " + rate);
    }
    b.append(", routes ").append(routes(a)).append(", scope ").append(scope(a));
    long remaining = a.path("remainingSeconds").asLong(-1);
    if (remaining >= 0) {
      b.append(", expires in ").append(Durations.human(remaining));
    }
    String expiresAt = text(a, "expiresAt");
    if (!expiresAt.isEmpty()) {
      b.append(" (").append(expiresAt).append(")");
    }
    return b.toString();
  }
}
