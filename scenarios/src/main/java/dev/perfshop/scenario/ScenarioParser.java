package dev.perfshop.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads scenario YAML safely: plain data only, unknown keys rejected, every error located by file,
 * line and column.
 */
public final class ScenarioParser {

  /** Scenario files are small; anything larger is refused before it is parsed. */
  public static final long MAX_BYTES = 256 * 1024;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

  private final ObjectMapper mapper =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  public Scenario parse(Path file) {
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ScenarioException(
            name, 1, 1, "file is " + size + " bytes, the limit is " + MAX_BYTES, null);
      }
      return parse(name, Files.readString(file));
    } catch (IOException e) {
      throw new ScenarioException(name, 1, 1, "cannot read file: " + e.getMessage(), e);
    }
  }

  public Scenario parse(String name, String yaml) {
    Scenario scenario;
    try {
      scenario = mapper.readValue(yaml, Scenario.class);
    } catch (JacksonException e) {
      TokenStreamLocation at = locate(yaml, e.getPath());
      if (at == null) {
        at = e.getLocation();
      }
      int line = at == null ? 1 : Math.max(1, at.getLineNr());
      int column = at == null ? 1 : Math.max(1, at.getColumnNr());
      throw new ScenarioException(name, line, column, e.getOriginalMessage(), e);
    }
    if (scenario == null) {
      throw new ScenarioException(name, 1, 1, "the file is empty", null);
    }
    check(name, scenario);
    return scenario;
  }

  /**
   * Where the node at {@code path} starts in the text: Jackson reports some errors (unknown keys of
   * a record, say) only once the enclosing object is finished, so the place is found again by
   * walking the tokens.
   */
  private TokenStreamLocation locate(String yaml, List<JacksonException.Reference> path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    StringBuilder pointer = new StringBuilder();
    for (JacksonException.Reference ref : path) {
      pointer.append('/');
      if (ref.getPropertyName() != null) {
        pointer.append(ref.getPropertyName().replace("~", "~0").replace("/", "~1"));
      } else {
        pointer.append(ref.getIndex());
      }
    }
    JsonPointer target = JsonPointer.compile(pointer.toString());
    try (JsonParser parser = mapper.createParser(yaml)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (parser.streamReadContext().pathAsPointer().equals(target)) {
          return parser.currentTokenLocation();
        }
      }
    } catch (JacksonException ignored) {
      // The text is broken further on; fall back to the location Jackson gave.
    }
    return null;
  }

  private static void check(String name, Scenario s) {
    require(
        name,
        Scenario.API_VERSION.equals(s.apiVersion()),
        "apiVersion must be " + Scenario.API_VERSION);
    require(name, Scenario.KIND.equals(s.kind()), "kind must be " + Scenario.KIND);
    require(name, s.id() != null && ID.matcher(s.id()).matches(), "id must match " + ID.pattern());
    require(name, s.title() != null && !s.title().isBlank(), "title is required");
    require(name, s.level() != null, "level is required (BAC1 to BAC5)");
  }

  private static void require(String name, boolean ok, String message) {
    if (!ok) {
      throw new ScenarioException(name, 1, 1, message, null);
    }
  }
}
