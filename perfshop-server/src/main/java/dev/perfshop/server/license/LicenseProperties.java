package dev.perfshop.server.license;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code perfshop.license.*}: where the licence lives and which keys may sign it.
 *
 * @param trustedKeys Ed25519 public keys (base64 DER or PEM), e.g. from {@code
 *     PERFSHOP_LICENSE_TRUSTED_KEYS}; added to the {@code *.pub} files of {@code trustedKeysDir}
 * @param file the installed licence; default {@code <data-dir>/license.json}
 * @param trustedKeysDir folder of trusted public key files; default {@code <data-dir>/trusted-keys}
 * @param maxFileBytes licence files larger than this are refused without being parsed
 * @param benchmarkWithoutGate BENCHMARK ONLY: do not register the licence interceptor at all, so
 *     {@code bench/licence-gate} can compare the same build with and without the gate
 */
@Validated
@ConfigurationProperties("perfshop.license")
public record LicenseProperties(
    @DefaultValue List<String> trustedKeys,
    Path file,
    Path trustedKeysDir,
    @DefaultValue("16384") @Min(512) @Max(65536) int maxFileBytes,
    @DefaultValue("false") boolean benchmarkWithoutGate) {}
