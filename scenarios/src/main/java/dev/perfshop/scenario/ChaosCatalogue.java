package dev.perfshop.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chaos catalogue ({@code chaos-catalogue.yaml} next to this class): every chaos type with its
 * family, what each level does, its default probabilities and the numbers its behaviour reads, and
 * the container anomalies of the Docker lab. The one source: the server builds its types from it,
 * the scenario validator and the CLI check names against it, and a test keeps docs/chaos.md equal
 * to it. Loaded and checked once; a malformed catalogue fails at class initialisation.
 */
public final class ChaosCatalogue {

  /** The levels every type describes: 1 (subtle) to 5 (severe). */
  public static final int LEVELS = 5;

  static final String RESOURCE = "chaos-catalogue.yaml";

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** What one level of a type does. */
  public record Level(String text, double probability, Map<String, Object> params) {

    public Level {
      params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A numeric parameter of this level; fails loudly when the catalogue does not give it. */
    public double number(String name) {
      if (params.get(name) instanceof Number n) {
        return n.doubleValue();
      }
      throw new IllegalStateException("the chaos catalogue gives no number '" + name + "'");
    }

    /** Whether this level gives the parameter. */
    public boolean has(String name) {
      return params.containsKey(name);
    }

    /** A text parameter of this level; fails loudly when the catalogue does not give it. */
    public String string(String name) {
      if (params.get(name) instanceof String s) {
        return s;
      }
      throw new IllegalStateException("the chaos catalogue gives no text '" + name + "'");
    }
  }

  /** A chaos type the server acts on. */
  public record Type(
      String id,
      String family,
      String description,
      boolean dangerous,
      List<String> routes,
      List<Level> levels) {

    public Type {
      routes = routes == null || routes.isEmpty() ? List.of("/api/**") : List.copyOf(routes);
      levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /** What level 1–5 does. */
    public Level level(int level) {
      return levels.get(level - 1);
    }
  }

  /** A container anomaly of the Docker lab, acted on by the CLI. */
  public record ContainerType(String id, String family, String description, boolean lasting) {}

  /** The file as read. */
  record Contents(List<String> families, List<Type> types, List<ContainerType> containerTypes) {}

  private static final Contents CATALOGUE = check(load());

  private ChaosCatalogue() {}

  /** The six families, in catalogue order. */
  public static List<String> families() {
    return CATALOGUE.families();
  }

  /** The server's types, in catalogue order (grouped by family). */
  public static List<Type> types() {
    return CATALOGUE.types();
  }

  /** The container anomalies of the Docker lab. */
  public static List<ContainerType> containerTypes() {
    return CATALOGUE.containerTypes();
  }

  public static Optional<Type> type(String id) {
    return types().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public static Optional<ContainerType> containerType(String id) {
    return containerTypes().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  private static Contents load() {
    ObjectMapper mapper =
        YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // an absent flag (dangerous, lasting) is false
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    try (InputStream in = ChaosCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return mapper.readValue(in, Contents.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rules every entry keeps; package-private so that a test can show each one bites. */
  static Contents check(Contents file) {
    Set<String> ids = new HashSet<>();
    for (Type t : file.types()) {
      require(ID.matcher(t.id()).matches(), t.id() + ": not a kebab-case name");
      require(ids.add(t.id()), t.id() + ": listed twice");
      require(file.families().contains(t.family()), t.id() + ": unknown family " + t.family());
      require(t.description() != null && !t.description().isBlank(), t.id() + ": no description");
      require(t.levels().size() == LEVELS, t.id() + ": must describe exactly 5 levels");
      require(
          t.dangerous() == "security".equals(t.family()),
          t.id() + ": security types, and only they, run behind the safety mode (dangerous)");
      for (Level l : t.levels()) {
        require(l.text() != null && !l.text().isBlank(), t.id() + ": a level without text");
        require(l.probability() >= 0 && l.probability() <= 1, t.id() + ": probability outside 0-1");
      }
    }
    for (ContainerType c : file.containerTypes()) {
      require(ID.matcher(c.id()).matches(), c.id() + ": not a kebab-case name");
      require(ids.add(c.id()), c.id() + ": listed twice");
      require(file.families().contains(c.family()), c.id() + ": unknown family " + c.family());
    }
    return new Contents(
        List.copyOf(file.families()),
        List.copyOf(file.types()),
        List.copyOf(file.containerTypes()));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException("chaos catalogue: " + message);
    }
  }
}
