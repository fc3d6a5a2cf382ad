package dev.perfshop.server.customer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Customer sessions and password hashing.
 *
 * @param sessionTtl how long a session lives after sign-in (absolute, not sliding)
 * @param secureCookies whether cookies carry the {@code Secure} flag (on behind HTTPS)
 * @param bcryptStrength BCrypt log-rounds (tests lower it to stay fast)
 */
@Validated
@ConfigurationProperties("perfshop.customer")
public record CustomerProperties(
    @NotNull @DefaultValue("7d") Duration sessionTtl,
    @DefaultValue("false") boolean secureCookies,
    @Min(4) @Max(16) @DefaultValue("10") int bcryptStrength) {}
