package dev.perfshop.server.admin;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the admin token check in front of every {@code /api/admin/**} route — the routes of every
 * feature (licence, chaos, data reset, sessions…) are protected by their path alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminWebConfig implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(AdminWebConfig.class);

  private final AdminProperties props;
  private final Clock clock;
  private final AdminToken token;

  AdminWebConfig(
      AdminProperties props,
      @Value("${perfshop.data-dir}") Path dataDir,
      ObjectProvider<Clock> clock) {
    this.props = props;
    this.clock = clock.getIfAvailable(Clock::systemUTC); // web slices have no Clock bean
    this.token = adminToken(props, dataDir);
  }

  /** Resolved once at start: a bad configured token stops the server here. */
  private static AdminToken adminToken(AdminProperties props, Path dataDir) {
    if (props.token() != null && !props.token().isEmpty()) {
      return AdminToken.configured(props.token());
    }
    Path tokenFile = dataDir.resolve(AdminToken.TOKEN_FILE).toAbsolutePath().normalize();
    AdminToken token =
        AdminToken.storedOrGenerated(
            dataDir,
            new SecureRandom(),
            plain -> {
              // Shown once on the console (not through the log pipeline) and kept owner-only.
              System.out.println();
              System.out.println("PerfShop admin token (shown once): " + plain);
              System.out.println("  also written to " + tokenFile + " (owner-only)");
              System.out.println();
            });
    if (token.source() == AdminToken.Source.STORED) {
      log.info("admin token: the one created at first start (plain copy: {})", tokenFile);
    }
    return token;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(
            new AdminTokenInterceptor(
                token, new FailureLimiter(clock, props.maxFailuresPerMinute())))
        .addPathPatterns("/api/admin", "/api/admin/**")
        .order(AdminTokenInterceptor.ORDER);
  }
}
