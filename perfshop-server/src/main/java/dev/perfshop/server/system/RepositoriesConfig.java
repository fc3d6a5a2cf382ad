package dev.perfshop.server.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.jpa.repository.query.QueryEnhancerFactories;
import org.springframework.data.jpa.repository.query.QueryEnhancerSelector;

/**
 * The Spring Data repositories, as Spring Boot would enable them, with one choice of our own: the
 * declared queries ({@code @Query}) are read by Spring Data's pattern-based query enhancer instead
 * of its HQL grammar. Spring Data only needs it to append a page's sort and to read the query's
 * alias, and every paged query here declares its count query; Hibernate still parses and checks
 * every query when the repositories are created. The grammar's parser is 335 classes and a slow
 * first parse of every declared query at start (bench/README.md, "Server start"). Declaring the
 * repositories here makes Spring Boot's own repository configuration step aside, so its {@code
 * spring.data.jpa.repositories.*} properties no longer apply: a setting they would give belongs on
 * this annotation.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(
    basePackages = "dev.perfshop.server", // the application's package, as Spring Boot would scan
    queryEnhancerSelector = RepositoriesConfig.PatternQueryEnhancers.class)
public class RepositoriesConfig { // public: the build's ahead-of-time bean definitions name it

  /** Native queries as Spring Data chooses by default; declared JPQL by the pattern enhancer. */
  public static class PatternQueryEnhancers
      extends QueryEnhancerSelector.DefaultQueryEnhancerSelector {
    PatternQueryEnhancers() {
      super(DEFAULT_NATIVE, QueryEnhancerFactories.fallback());
    }
  }
}
