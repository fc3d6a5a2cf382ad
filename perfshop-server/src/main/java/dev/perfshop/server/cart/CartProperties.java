package dev.perfshop.server.cart;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param cookieTtl lifetime of the anonymous cart cookie
 * @param secureCookies whether the cart cookie carries the {@code Secure} flag
 */
@Validated
@ConfigurationProperties("perfshop.cart")
public record CartProperties(
    @NotNull @DefaultValue("30d") Duration cookieTtl,
    @DefaultValue("false") boolean secureCookies) {}
