package dev.perfshop.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The names of the chaos catalogue and their families, as scenarios may use them. The server's
 * catalogue is the authority for {@link #all()}; a server test keeps that list equal to it. The
 * container anomalies of the Docker lab ({@link #container()}) are not the server's: the CLI acts
 * on the lab's containers, and a CLI test keeps that list equal to its own.
 */
public final class ChaosTypes {

  private static final Map<String, String> FAMILY_BY_TYPE = load();

  private static final Map<String, String> CONTAINER =
      Collections.unmodifiableMap(
          new TreeMap<>(
              Map.of(
                  "container-kill", "infrastructure",
                  "container-pause", "infrastructure",
                  "container-restart", "infrastructure")));

  /** The container anomaly that is over once done: it has no TTL and nothing to disable. */
  private static final String ONE_SHOT = "container-restart";

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
    return isContainer(containerType) && !ONE_SHOT.equals(containerType);
  }

  private static Map<String, String> load() {
    Properties p = new Properties();
    try (InputStream in = ChaosTypes.class.getResourceAsStream("chaos-types.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new TreeMap<>();
    p.forEach((k, v) -> map.put((String) k, (String) v));
    return Collections.unmodifiableMap(map);
  }
}
