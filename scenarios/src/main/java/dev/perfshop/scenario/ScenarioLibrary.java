package dev.perfshop.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The scenarios shipped with PerfShop (scenarios/bac1 … bac5), read from the classpath. */
public final class ScenarioLibrary {

  /** A shipped scenario and the path it is known by, e.g. {@code bac1/slow-catalog.yaml}. */
  public record Entry(String path, Scenario scenario) {}

  private ScenarioLibrary() {}

  /** Paths listed in the library index, in order. */
  public static List<String> paths() {
    return read("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** Every shipped scenario, parsed and validated. */
  public static List<Entry> shipped() {
    ScenarioParser parser = new ScenarioParser();
    return paths().stream().map(p -> new Entry(p, parser.parse(p, read(p)))).toList();
  }

  private static String read(String path) {
    try (InputStream in = ScenarioLibrary.class.getResourceAsStream("/scenarios/" + path)) {
      if (in == null) {
        throw new IllegalStateException(
            "scenario library entry missing from the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
