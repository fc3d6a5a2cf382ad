package dev.perfshop.server.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * Strict JSON for every request body: a key given twice ({@code {"level":1,"level":5}}) is a
 * malformed body, not "the last one wins".
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

  @Bean
  JsonMapperBuilderCustomizer strictDuplicateDetection() {
    return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }
}
