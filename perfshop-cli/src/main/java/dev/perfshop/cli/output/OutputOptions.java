package dev.perfshop.cli.output;

import dev.perfshop.cli.http.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** Mixin for every command that prints data: {@code -o, --output text|json}. */
public final class OutputOptions {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.text;

  public boolean json() {
    return format == OutputFormat.json;
  }

  /** Prints {@code node} as indented JSON and returns true when JSON output was asked for. */
  public boolean printedAsJson(PrintWriter out, JsonNode node) {
    if (!json()) {
      return false;
    }
    out.println(Json.pretty(node));
    out.flush();
    return true;
  }
}
