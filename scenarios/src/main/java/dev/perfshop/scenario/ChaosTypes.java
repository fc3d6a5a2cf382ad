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
 * catalogue is the authority; a server test keeps this list equal to it.
 */
public final class ChaosTypes {

  private static final Map<String, String> FAMILY_BY_TYPE = load();

  private ChaosTypes() {}

  /** type → family, sorted by type. */
  public static Map<String, String> all() {
    return FAMILY_BY_TYPE;
  }

  public static boolean known(String type) {
    return FAMILY_BY_TYPE.containsKey(type);
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
