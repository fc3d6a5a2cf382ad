package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.util.List;
import java.util.Set;

/** What one lab is: its name, profiles, variant, port offset and image overrides. */
public record LabSpec(
    String name,
    Set<Profile> profiles,
    Variant variant,
    LabPorts ports,
    ImageOverrides images,
    String bind,
    List<String> services) {

  public LabSpec {
    validName(name);
    profiles = Set.copyOf(profiles);
    services = List.copyOf(services);
  }

  /** Whether {@code service} of an enabled profile is started ({@code --services} narrows it). */
  public boolean starts(Profile profile, String service) {
    return profiles.contains(profile) && (services.isEmpty() || services.contains(service));
  }

  /** A lab name becomes a compose project name: lower-case letters, digits and dashes. */
  public static String validName(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9-]{0,29}")) {
      throw new LabException(
          ExitCodes.USAGE,
          "invalid lab name '" + name + "'",
          "use 1-30 lower-case letters, digits or dashes, starting with a letter");
    }
    return name;
  }

  /** The compose project name (label com.docker.compose.project of every container). */
  public static String project(String name) {
    return "perfshop-" + name;
  }

  public String project() {
    return project(name);
  }
}
