package dev.perfshop.server.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code perfshop.admin.*}.
 *
 * @param token the instructor token ({@code PERFSHOP_ADMIN_TOKEN}); when absent the server makes
 *     one at first start (see {@link AdminToken})
 * @param maxFailuresPerMinute failed admin attempts one client may make in a minute before 429
 */
@Validated
@ConfigurationProperties("perfshop.admin")
public record AdminProperties(
    String token, @DefaultValue("10") @Min(1) @Max(1000) int maxFailuresPerMinute) {

  @Override
  public String toString() {
    return "AdminProperties[token="
        + (token == null ? "none" : "<redacted>")
        + ", maxFailuresPerMinute="
        + maxFailuresPerMinute
        + "]";
  }
}
