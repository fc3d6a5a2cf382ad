package dev.perfshop.server.system;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfshop.cors.*}.
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}) whose pages may call the shop API
 *     with credentials, from {@code CORS_ALLOWED_ORIGINS} (comma-separated); empty = no CORS. A
 *     wildcard is refused because credentials are allowed.
 */
@ConfigurationProperties("perfshop.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

  public CorsProperties {
    allowedOrigins = allowedOrigins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String origin : allowedOrigins) {
      if (origin.contains("*")) {
        throw new IllegalArgumentException(
            "CORS_ALLOWED_ORIGINS must list origins: a wildcard ('"
                + origin
                + "') is refused because the shop API allows credentials");
      }
      URI uri;
      try {
        uri = URI.create(origin);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "CORS_ALLOWED_ORIGINS: '" + origin + "' is not an origin");
      }
      boolean bare = uri.getPath() == null || uri.getPath().isEmpty();
      if (uri.getScheme() == null
          || !uri.getScheme().matches("https?")
          || uri.getHost() == null
          || !bare
          || uri.getQuery() != null) {
        throw new IllegalArgumentException(
            "CORS_ALLOWED_ORIGINS: '"
                + origin
                + "' is not an origin like https://shop.example:8443");
      }
    }
  }
}
