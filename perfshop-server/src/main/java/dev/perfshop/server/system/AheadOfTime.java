package dev.perfshop.server.system;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Starts the packaged server from the bean definitions Spring AOT wrote at build time ({@code
 * process-aot} in the server's pom), when they are the ones this start would make.
 *
 * <p>Spring's ahead-of-time processing evaluates every condition once, at build time, with the
 * jar's own configuration: which beans exist is then fixed. So the server uses them only when no
 * setting that can add or remove beans is given at start: any {@code spring.*}, {@code
 * management.*}, {@code springdoc.*}, {@code server.*} or {@code perfshop.signals.*} property from
 * the command line, system properties, environment variables or a configuration file outside the
 * jar, except the few that are only values ({@link #VALUES_ONLY}: the port, the database's address
 * and account), and no profile but the server's own ({@link #PROFILES}: a set of values, no beans;
 * another may enable a library's {@code @Profile} configuration). Otherwise, or with {@code
 * -Dspring.aot.enabled=false}, the server makes its bean definitions at start as Spring Boot does
 * by default: the same server, about a second slower to start (bench/README.md). Runs from {@code
 * target/classes} (tests, an IDE) never use them: they may be older than the code.
 */
public final class AheadOfTime implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  /** Namespaces whose properties decide conditions (Spring Boot's, springdoc's, ours). */
  private static final List<String> SHAPING =
      List.of("spring.", "management.", "springdoc.", "server.", "perfshop.signals.");

  /** Properties of those namespaces that are only values: no condition reads them. */
  static final Set<String> VALUES_ONLY =
      Set.of(
          "spring.aot.enabled",
          "spring.application.json",
          "spring.profiles.active", // checked by name below
          "spring.datasource.url",
          "spring.datasource.username",
          "spring.datasource.password",
          "spring.web.resources.static-locations",
          "server.port",
          "server.address");

  /** {@link #VALUES_ONLY} spelled {@link #uniform}. */
  private static final Set<String> VALUES_ONLY_UNIFORM =
      VALUES_ONLY.stream().map(AheadOfTime::uniform).collect(Collectors.toUnmodifiableSet());

  /** The server's own profiles: application-mysql.yml only sets the database's values. */
  static final Set<String> PROFILES = Set.of("mysql");

  private AheadOfTime() {}

  /**
   * Lets {@code application} use the build's bean definitions when it runs from the packaged jar,
   * they are there, nobody chose ({@code -Dspring.aot.enabled}), and the configuration allows it.
   */
  public static void offerTo(SpringApplication application, Class<?> mainClass) {
    if (System.getProperty(AotDetector.AOT_ENABLED) != null
        || !ClassUtils.isPresent(
            mainClass.getName() + "__ApplicationContextInitializer", mainClass.getClassLoader())
        || !packaged(mainClass)) {
      return;
    }
    application.addListeners(new AheadOfTime());
  }

  /** Decided once the configuration is read, before Spring Boot makes the application context. */
  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    List<String> given = beanShapingSettings(event.getEnvironment());
    if (given.isEmpty()) {
      System.setProperty(AotDetector.AOT_ENABLED, "true");
    } else {
      // (a logger made here, not when main() loads this class: logging is configured by now)
      Logger log = LoggerFactory.getLogger(AheadOfTime.class);
      log.info(
          "Making the bean definitions at start, not using the build's ahead-of-time ones: {} may"
              + " add or remove beans",
          String.join(", ", given));
    }
  }

  /**
   * The settings given from outside the jar that may add or remove beans (names as given: a
   * property, or an environment variable).
   */
  static List<String> beanShapingSettings(ConfigurableEnvironment environment) {
    List<String> given = new ArrayList<>();
    for (String profile : environment.getActiveProfiles()) {
      if (!PROFILES.contains(profile)) {
        given.add("profile " + profile);
      }
    }
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> names) || fromTheJar(source)) {
        continue;
      }
      for (String name : names.getPropertyNames()) {
        String property = uniform(name);
        if (SHAPING.stream().anyMatch(property::startsWith)
            && !VALUES_ONLY_UNIFORM.contains(property)) {
          given.add(name);
        }
      }
    }
    return given;
  }

  /**
   * The jar's own configuration (application*.yml on the class path, what the build evaluated) and
   * Spring Boot's derived sources, which only repeat the others.
   */
  private static boolean fromTheJar(PropertySource<?> source) {
    String name = source.getName();
    return name.contains("class path resource [application")
        || name.equals("configurationProperties")
        || name.equals("random")
        || name.equals("applicationInfo")
        || name.equals("defaultProperties");
  }

  /**
   * One spelling for a property and its environment variable ({@code spring.flyway.enabled}, {@code
   * SPRING_FLYWAY_ENABLED}), as Spring Boot's relaxed binding matches them.
   */
  static String uniform(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
  }

  /** True when the main class was loaded from a jar (the build made both it and the AOT code). */
  private static boolean packaged(Class<?> mainClass) {
    CodeSource source = mainClass.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return false;
    }
    return !"file".equals(location.getProtocol()) || location.getPath().endsWith(".jar");
  }
}
