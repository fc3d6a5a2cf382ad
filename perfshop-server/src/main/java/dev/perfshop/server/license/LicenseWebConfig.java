package dev.perfshop.server.license;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the licence gate in front of {@code /api/**}. Exempt: {@code /api/admin/**} (guarded by the
 * admin token, so an instructor can install a licence or halt chaos without one), {@code
 * /api/license/status}, and everything outside {@code /api} ({@code /actuator/**}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LicenseProperties.class)
class LicenseWebConfig implements WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(LicenseWebConfig.class);

  private final ObjectProvider<LicenseService> licenses;
  private final LicenseProperties props;

  /**
   * The service is looked up lazily so that {@code @WebMvcTest} slices, which pick up this
   * configurer but not the service, still start (without a gate, unless they import the service).
   */
  LicenseWebConfig(ObjectProvider<LicenseService> licenses, LicenseProperties props) {
    this.licenses = licenses;
    this.props = props;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    if (props.benchmarkWithoutGate()) {
      log.warn(
          "perfshop.license.benchmark-without-gate=true: the licence gate is NOT installed"
              + " (benchmark builds only)");
      return;
    }
    LicenseService service = licenses.getIfAvailable();
    if (service == null) {
      return;
    }
    registry
        .addInterceptor(new LicenseInterceptor(service))
        .addPathPatterns("/api/**")
        .excludePathPatterns("/api/admin/**", "/api/license/status")
        .order(LicenseInterceptor.ORDER);
  }
}
