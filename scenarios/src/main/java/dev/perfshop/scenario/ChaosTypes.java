package dev.perfshop.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The names of the chaos catalogue ({@link ChaosCatalogue}) and their families, as scenarios may
 * use them: the server's types ({@link #all()}) and the container anomalies of the Docker lab
 * ({@link #container()}), which the CLI acts on.
 */
public final class ChaosTypes {

  private static final Map<String, String> FAMILY_BY_TYPE =
      sorted(ChaosCatalogue.types(), ChaosCatalogue.Type::id, ChaosCatalogue.Type::family);

  private static final Map<String, String> CONTAINER =
      sorted(
          ChaosCatalogue.containerTypes(),
          ChaosCatalogue.ContainerType::id,
          ChaosCatalogue.ContainerType::family);

  private ChaosTypes() {}

  /** The server's catalogue: type → family, sorted by type. */
  public static Map<String, String> all() {
    return FAMILY_BY_TYPE;
  }

  /** The container anomalies of the Docker lab (acted on by the CLI): type → family. */
  public static Map<String, String> container() {
    return CONTAINER;
  }

  /** Whether a scenario may use the type: the server's catalogue or a container anomaly. */
  public static boolean known(String type) {
    return FAMILY_BY_TYPE.containsKey(type) || CONTAINER.containsKey(type);
  }

  public static boolean isContainer(String type) {
    return CONTAINER.containsKey(type);
  }

  /** The family of a known type (server or container), or null. */
  public static String family(String type) {
    String f = FAMILY_BY_TYPE.get(type);
    return f != null ? f : CONTAINER.get(type);
  }

  /**
   * Whether a container anomaly lasts until healed (kill, pause) rather than being over once done
   * (restart).
   */
  public static boolean lasting(String containerType) {
    return ChaosCatalogue.containerType(containerType)
        .map(ChaosCatalogue.ContainerType::lasting)
        .orElse(false);
  }

  private static <T> Map<String, String> sorted(
      Iterable<T> items, Function<T, String> key, Function<T, String> value) {
    Map<String, String> map = new TreeMap<>();
    items.forEach(i -> map.put(key.apply(i), value.apply(i)));
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
