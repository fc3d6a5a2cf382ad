package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The lab profiles; each is one compose fragment. {@code core} is always part of a lab. */
public enum Profile {
  CORE("compose.core.yaml"),
  OBSERVABILITY("compose.observability.yaml"),
  LOGS("compose.logs.yaml"),
  QA("compose.qa.yaml");

  private final String file;

  Profile(String file) {
    this.file = file;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String file() {
    return file;
  }

  /** Parses {@code core,observability} (or {@code all}); core is always added. */
  public static Set<Profile> parse(String list) {
    EnumSet<Profile> out = EnumSet.of(CORE);
    for (String raw : list.split(",")) {
      String id = raw.trim().toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        continue;
      }
      if (id.equals("all")) {
        return EnumSet.allOf(Profile.class);
      }
      Profile match =
          Arrays.stream(values())
              .filter(p -> p.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new LabException(
                          ExitCodes.USAGE,
                          "unknown profile '" + raw.trim() + "'",
                          "profiles: core, observability, logs, qa (or all)"));
      out.add(match);
    }
    return out;
  }

  public static String join(Set<Profile> profiles) {
    return profiles.stream().sorted().map(Profile::id).collect(Collectors.joining(","));
  }
}
