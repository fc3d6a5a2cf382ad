package dev.perfshop.server.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated payment gateway.
 *
 * @param latency base time an authorisation takes
 * @param jitter extra time drawn uniformly in [0, jitter)
 * @param declinedCard card number that is always declined (for tests and demonstrations)
 */
@Validated
@ConfigurationProperties("perfshop.payment")
public record PaymentProperties(
    @NotNull @DefaultValue("20ms") Duration latency,
    @NotNull @DefaultValue("10ms") Duration jitter,
    @NotBlank @DefaultValue("4000000000000002") String declinedCard) {}
