package dev.perfshop.cli.config;

import java.nio.file.Path;

/**
 * Connection values given on the command line ({@code --url}, {@code --admin-token-file}, {@code
 * --admin-token}); any may be null. The explicit token value is never shown by {@link #toString}.
 */
public record Overrides(String url, Path adminTokenFile, String adminToken) {

  public static final Overrides NONE = new Overrides(null, null, null);

  /** These values, each falling back to {@code other}'s when absent. */
  public Overrides or(Overrides other) {
    boolean ownToken = adminTokenFile != null || adminToken != null;
    return new Overrides(
        url != null ? url : other.url,
        ownToken ? adminTokenFile : other.adminTokenFile,
        ownToken ? adminToken : other.adminToken);
  }

  @Override
  public String toString() {
    return "Overrides[url="
        + url
        + ", adminTokenFile="
        + adminTokenFile
        + ", adminToken="
        + (adminToken == null ? "null" : "****")
        + "]";
  }
}
