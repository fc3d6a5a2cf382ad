package dev.perfshop.server.chaos;

import dev.perfshop.server.system.policy.PolicyPlan;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Static configuration of the chaos engine ({@code perfshop.chaos.*}); runtime state lives in the
 * {@link PolicyPlan}.
 *
 * @param unsafeLab allows the security family on a server bound beyond loopback (a lab on a private
 *     network); never set it on a server students reach from the internet
 * @param seed when set, every random draw comes from this seed (reproducible demos)
 * @param purgeInterval how often expired activations are purged (they are ignored on read anyway)
 * @param interceptor false removes the chaos interceptor from the request pipeline: only for the
 *     benchmark that compares an idle engine with no engine at all
 */
@Validated
@ConfigurationProperties("perfshop.chaos")
public record ChaosProperties(
    boolean unsafeLab,
    Long seed,
    @NotNull @DefaultValue("5s") Duration purgeInterval,
    @DefaultValue("true") boolean interceptor) {}
