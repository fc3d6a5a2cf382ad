package dev.perfshop.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads scenario YAML safely — plain data only (no type tags become objects), unknown keys
 * rejected, no anchors or aliases, size and depth limits — then validates it. Every error is
 * located by file, line and column.
 */
public final class ScenarioParser {

  /** Scenario files are small; anything larger is refused before it is parsed. */
  public static final long MAX_BYTES = 256 * 1024;

  private static final int MAX_DEPTH = 32;
  private static final int MAX_ALIASES = 10;
  private static final int MAX_REPORTED = 20;
  private static final LoadSettings EVENTS =
      LoadSettings.builder().setCodePointLimit((int) MAX_BYTES).build();

  private final ObjectMapper mapper =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .loadSettings(
                      LoadSettings.builder()
                          .setAllowDuplicateKeys(false)
                          .setAllowRecursiveKeys(false)
                          .setMaxAliasesForCollections(MAX_ALIASES)
                          .setCodePointLimit((int) MAX_BYTES)
                          .build())
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
    if (yaml.length() > MAX_BYTES) {
      throw new ScenarioException(
          name, 1, 1, "scenario text is over " + MAX_BYTES + " bytes", null);
    }
    refuseAnchorsAndAliases(name, yaml);
    Scenario scenario;
    try {
      scenario = mapper.readValue(yaml, Scenario.class);
    } catch (JacksonException e) {
      TokenStreamLocation at = locate(yaml, pointer(e.getPath()));
      if (at == null) {
        at = e.getLocation();
      }
      int line = at == null ? 1 : Math.max(1, at.getLineNr());
      int column = at == null ? 1 : Math.max(1, at.getColumnNr());
      throw new ScenarioException(name, line, column, BindingErrors.message(e), e);
    }
    if (scenario == null) {
      throw new ScenarioException(name, 1, 1, "the file is empty", null);
    }
    List<ScenarioValidator.Violation> violations = ScenarioValidator.validate(scenario);
    if (!violations.isEmpty()) {
      List<ScenarioException.Error> errors =
          violations.stream()
              .map(v -> located(name, yaml, v))
              .sorted(
                  Comparator.comparingInt(ScenarioException.Error::line)
                      .thenComparingInt(ScenarioException.Error::column))
              .toList();
      throw new ScenarioException(errors, null);
    }
    return scenario;
  }

  /**
   * Anchors ({@code &a}) and aliases ({@code *a}) are refused where they stand. The data binder
   * does not resolve an alias to its anchor's value (it loads {@code summary: *t} as the text
   * {@code "t"}), and an alias bomb would validate: a scenario never needs them, so none is read.
   * Only the event stream is walked (no alias is expanded); a syntax error is left to the binder,
   * which reports it with its place.
   */
  private static void refuseAnchorsAndAliases(String name, String yaml) {
    List<ScenarioException.Error> errors = new ArrayList<>();
    try {
      for (Event event : new Parse(EVENTS).parseString(yaml)) {
        if (event instanceof AliasEvent alias) {
          errors.add(
              at(
                  name,
                  event,
                  "YAML aliases are not allowed (*"
                      + alias.getAlias().getValue()
                      + "): write the value out in full"));
        } else if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
          errors.add(
              at(
                  name,
                  event,
                  "YAML anchors are not allowed (&"
                      + node.getAnchor().get().getValue()
                      + "): write each value out in full"));
        }
        if (errors.size() >= MAX_REPORTED) {
          break;
        }
      }
    } catch (YamlEngineException e) {
      // Broken YAML: the binder reports it with its place.
    }
    if (!errors.isEmpty()) {
      throw new ScenarioException(errors, null);
    }
  }

  private static ScenarioException.Error at(String name, Event event, String message) {
    int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    int column = event.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    return new ScenarioException.Error(name, line, column, message);
  }

  private ScenarioException.Error located(String name, String yaml, ScenarioValidator.Violation v) {
    // A missing node is reported where its parent starts.
    String pointer = v.pointer();
    TokenStreamLocation at = null;
    while (at == null && !pointer.isEmpty()) {
      at = locate(yaml, pointer);
      pointer = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    }
    int line = at == null ? 1 : Math.max(1, at.getLineNr());
    int column = at == null ? 1 : Math.max(1, at.getColumnNr());
    return new ScenarioException.Error(name, line, column, v.message());
  }

  private static String pointer(List<JacksonException.Reference> path) {
    if (path == null || path.isEmpty()) {
      return "";
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
    return pointer.toString();
  }

  /**
   * Where the node at {@code pointer} starts in the text. Jackson reports some errors (unknown keys
   * of a record, say) only once the enclosing object is finished, and validation works on the
   * model, so the place is found again by walking the tokens.
   */
  private TokenStreamLocation locate(String yaml, String pointer) {
    if (pointer.isEmpty()) {
      return null;
    }
    JsonPointer target = JsonPointer.compile(pointer);
    try (JsonParser parser = mapper.createParser(yaml)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (parser.streamReadContext().pathAsPointer().equals(target)) {
          return parser.currentTokenLocation();
        }
      }
    } catch (JacksonException ignored) {
      // The text is broken further on; the caller falls back to the location Jackson gave.
    }
    return null;
  }
}
