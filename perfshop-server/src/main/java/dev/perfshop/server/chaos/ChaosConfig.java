package dev.perfshop.server.chaos;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the chaos interceptor on the shop API and provides the engine's seams. */
@Configuration(proxyBeanMethods = false)
class ChaosConfig implements WebMvcConfigurer {

  /** Routes chaos never touches: the instructor's controls and the licence. */
  static final String[] EXCLUDED = {"/api/admin/**", "/api/license/**"};

  private final ChaosInterceptor interceptor;
  private final ChaosProperties properties;

  ChaosConfig(ChaosInterceptor interceptor, ChaosProperties properties) {
    this.interceptor = interceptor;
    this.properties = properties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    if (!properties.interceptor()) {
      return;
    }
    registry
        .addInterceptor(interceptor)
        .addPathPatterns("/api/**")
        .excludePathPatterns(EXCLUDED)
        .order(ChaosInterceptor.ORDER);
  }

  @Bean
  @ConditionalOnMissingBean
  static RandomSource chaosRandom(ChaosProperties properties) {
    return properties.seed() == null
        ? RandomSource.threadLocal()
        : RandomSource.seeded(properties.seed());
  }

  @Bean
  @ConditionalOnMissingBean
  static Sleeper chaosSleeper() {
    return Sleeper.REAL;
  }
}
