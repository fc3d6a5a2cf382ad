package dev.perfshop.scenario;

import java.util.List;

/**
 * A chaos scenario as written in YAML. This first slice carries the header of the format; the
 * timeline ({@code steps}) and {@code enigmas} arrive with the scenario runner.
 */
public record Scenario(
    String apiVersion,
    String kind,
    String id,
    String title,
    Level level,
    List<String> families,
    String summary) {

  public static final String API_VERSION = "perfshop.dev/v1";
  public static final String KIND = "Scenario";

  public Scenario {
    families = families == null ? List.of() : List.copyOf(families);
  }
}
