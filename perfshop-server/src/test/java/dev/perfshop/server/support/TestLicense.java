package dev.perfshop.server.support;

import dev.perfshop.license.License;
import dev.perfshop.license.LicenseFile;
import dev.perfshop.license.LicenseKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes every Spring test context licensed, with no setup in the tests: registered in {@code
 * META-INF/spring.factories}, it creates a fresh Ed25519 key pair and a valid licence per context
 * (no private key is ever committed), writes the licence to a temporary file and points {@code
 * perfshop.license.file} and {@code perfshop.license.trusted-keys} at them.
 *
 * <p>Tests of the licence gate itself opt out with {@code perfshop.test.license=none} (in
 * {@code @SpringBootTest(properties = ...)}) and configure keys and files themselves.
 */
public final class TestLicense
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String OPT_OUT = "perfshop.test.license";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if ("none".equals(env.getProperty(OPT_OUT))) {
      return;
    }
    KeyPair pair = LicenseKeys.generate();
    Instant now = Instant.now();
    License license =
        new License(
            "PerfShop tests",
            "test",
            List.of(),
            1000,
            now,
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(2)),
            LicenseKeys.keyId(pair.getPublic()));
    Path file = write(LicenseFile.sign(license, pair.getPrivate()).toBytes());
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "perfshopTestLicense",
                Map.of(
                    "perfshop.license.file",
                    file.toString(),
                    "perfshop.license.trusted-keys",
                    LicenseKeys.publicKeyBase64(pair.getPublic()))));
  }

  private static Path write(byte[] bytes) {
    try {
      Path dir = Files.createTempDirectory("perfshop-test-license");
      Path file = dir.resolve("license.json");
      Files.write(file, bytes);
      dir.toFile().deleteOnExit();
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
