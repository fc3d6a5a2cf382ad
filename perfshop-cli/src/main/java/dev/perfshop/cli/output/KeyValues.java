package dev.perfshop.cli.output;

import dev.perfshop.cli.http.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Prints a JSON object as aligned {@code key: value} lines; nested objects become dotted keys and
 * arrays of values a comma-separated list. For documents whose exact shape the CLI does not own.
 */
public final class KeyValues {

  private KeyValues() {}

  public static void print(PrintWriter out, JsonNode node) {
    List<String[]> lines = new ArrayList<>();
    flatten("", node, lines);
    int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
    for (String[] l : lines) {
      out.println(l[0] + ":" + " ".repeat(width - l[0].length() + 1) + l[1]);
    }
    out.flush();
  }

  private static void flatten(String prefix, JsonNode node, List<String[]> lines) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        flatten(key, e.getValue(), lines);
      }
    } else if (node.isArray() && allValues(node)) {
      List<String> items = new ArrayList<>();
      node.forEach(v -> items.add(v.asString()));
      lines.add(new String[] {prefix, items.isEmpty() ? "-" : String.join(", ", items)});
    } else if (node.isNull()) {
      lines.add(new String[] {prefix, "-"});
    } else if (node.isValueNode()) {
      lines.add(new String[] {prefix, node.asString()});
    } else {
      lines.add(new String[] {prefix, Json.compact(node)});
    }
  }

  private static boolean allValues(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isValueNode()) {
        return false;
      }
    }
    return true;
  }
}
