package dev.perfshop.cli.lab;

import dev.perfshop.cli.ExitCodes;
import java.util.Locale;

/** How the server image is obtained: {@code desktop} pulls it prebuilt, {@code linux} builds it. */
public enum Variant {
  DESKTOP("compose.desktop.yaml"),
  LINUX("compose.linux.yaml");

  private final String file;

  Variant(String file) {
    this.file = file;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String file() {
    return file;
  }

  public static Variant parse(String raw) {
    for (Variant v : values()) {
      if (v.id().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return v;
      }
    }
    throw new LabException(
        ExitCodes.USAGE, "unknown variant '" + raw + "'", "variants: desktop, linux");
  }
}
