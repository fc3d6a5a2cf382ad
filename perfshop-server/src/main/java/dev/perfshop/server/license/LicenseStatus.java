package dev.perfshop.server.license;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The public view of the licence ({@code GET /api/license/status}): nothing about who holds it.
 *
 * @param valid whether the shop API is open
 * @param reason when not valid: {@code missing|expired|not-yet-valid|bad-signature|untrusted-key|
 *     malformed}
 */
public record LicenseStatus(
    boolean valid,
    @Nullable String reason,
    @Nullable Instant notBefore,
    @Nullable Instant expiresAt) {}
