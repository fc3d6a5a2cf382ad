package dev.perfshop.server.pedagogy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of class sessions ({@code perfshop.pedagogy.*}).
 *
 * @param answersPerMinute answers one student may submit per minute to one enigma; more get a 429
 *     problem with {@code Retry-After}
 * @param maxActiveSessions sessions that are not archived; bounds the session tag of the meters
 * @param allowNewKey start even when the install key file no longer matches the database (every
 *     agent code and stored answer hash becomes invalid); for operators who lost the key file
 */
@Validated
@ConfigurationProperties("perfshop.pedagogy")
public record PedagogyProperties(
    @DefaultValue("6") @Min(1) @Max(600) int answersPerMinute,
    @DefaultValue("50") @Min(1) @Max(500) int maxActiveSessions,
    @DefaultValue("false") boolean allowNewKey) {}
