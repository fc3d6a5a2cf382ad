package dev.perfshop.server.cart;

import dev.perfshop.server.system.Port;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prices are without tax; tax and shipping are added at the cart/checkout level.
 *
 * @param taxRate tax on the subtotal (0.20 = 20 %)
 * @param shippingFlat shipping for a non-empty cart whose subtotal is under {@code
 *     freeShippingFrom}
 * @param freeShippingFrom subtotal from which shipping is free
 * @param currency ISO 4217 code reported with every amount
 */
@Port
@Validated
@ConfigurationProperties("perfshop.pricing")
public record PricingProperties(
    @NotNull @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.20") BigDecimal taxRate,
    @NotNull @DecimalMin("0") @DefaultValue("4.90") BigDecimal shippingFlat,
    @NotNull @DecimalMin("0") @DefaultValue("50.00") BigDecimal freeShippingFrom,
    @NotBlank @DefaultValue("EUR") String currency) {}
