package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the chaos interceptor on the shop API and provides the engine's seams. */
@Configuration(proxyBeanMethods = false)
class RequestPolicyConfig implements WebMvcConfigurer {

  /** Routes chaos never touches: the instructor's controls and the licence. */
  /**
   * Never acted on: the instructor's API, the licence, and the students' own tools (the student API
   * and the live statistics and signals they diagnose with — a monitoring plane is not the shop).
   */
  static final String[] EXCLUDED = {
    "/api/admin/**", "/api/license/**", "/api/student/**", "/api/stats/**"
  };

  private final RequestPolicyInterceptor interceptor;
  private final ChaosProperties properties;

  RequestPolicyConfig(RequestPolicyInterceptor interceptor, ChaosProperties properties) {
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
        .order(RequestPolicyInterceptor.ORDER);
  }

  @Bean
  @ConditionalOnMissingBean
  static RandomSource requestRandom(ChaosProperties properties) {
    return properties.seed() == null
        ? RandomSource.threadLocal()
        : RandomSource.seeded(properties.seed());
  }

  @Bean
  @ConditionalOnMissingBean
  static Waiter requestWaiter() {
    return Waiter.REAL;
  }
}
