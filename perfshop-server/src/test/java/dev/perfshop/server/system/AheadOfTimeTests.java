package dev.perfshop.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * When the packaged server may start from the bean definitions written at build time: never when a
 * setting given at start can add or remove beans. (The start itself, both ways, is tested on the
 * real jar by the CLI module's ServerJarStartTests.)
 */
class AheadOfTimeTests {

  /** Spring Boot's name for the jar's own application.yml. */
  private static final String JAR_CONFIG =
      "Config resource 'class path resource [application.yml]' via location 'optional:classpath:/'";

  @Test
  void theJarsOwnConfigurationAndPlainEnvironmentVariablesKeepTheBuildsDefinitions() {
    ConfigurableEnvironment env =
        environment(
            Map.of(
                "spring.flyway.locations",
                "classpath:db/migration",
                "springdoc.api-docs.enabled",
                "true"),
            Map.of(
                "PATH",
                "/usr/bin",
                "HOME",
                "/root",
                "PERFSHOP_DB_URL",
                "jdbc:mysql://db/perfshop"));

    assertThat(AheadOfTime.beanShapingSettings(env)).isEmpty();
  }

  @Test
  void settingsThatAreOnlyValuesKeepThem() {
    ConfigurableEnvironment env =
        environment(
            Map.of(),
            Map.of(
                "SPRING_PROFILES_ACTIVE", "mysql",
                "SPRING_DATASOURCE_URL", "jdbc:mysql://db:3306/perfshop",
                "SPRING_DATASOURCE_PASSWORD", "secret"),
            "--server.port=18080",
            "--server.address=127.0.0.1",
            "--perfshop.data-dir=/tmp/data",
            "--perfshop.admin.token=0123456789abcdef0123456789abcdef",
            "--logging.level.root=warn",
            "--spring.web.resources.static-locations=file:/tmp/web/");

    assertThat(AheadOfTime.beanShapingSettings(env)).isEmpty();
  }

  @Test
  void aSwitchGivenAnyWayFromOutsideTheJarIsNamed() {
    ConfigurableEnvironment env =
        environment(
            Map.of(),
            Map.of("SPRING_FLYWAY_ENABLED", "false", "PERFSHOP_SIGNALS_ENABLED", "false"),
            "--management.endpoints.web.exposure.include=*",
            "--springdoc.api-docs.enabled=false");
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "Config resource 'file [config/application.yml]' via location 'optional:file:./config/'",
                Map.of("spring.threads.virtual.enabled", true)));

    assertThat(AheadOfTime.beanShapingSettings(env))
        .containsExactlyInAnyOrder(
            "management.endpoints.web.exposure.include",
            "springdoc.api-docs.enabled",
            "SPRING_FLYWAY_ENABLED",
            "PERFSHOP_SIGNALS_ENABLED",
            "spring.threads.virtual.enabled");
  }

  @Test
  void aProfileOtherThanTheServersOwnIsNamed() {
    ConfigurableEnvironment env =
        environment(Map.of(), Map.of("SPRING_PROFILES_ACTIVE", "mysql,chaos-monkey"));
    env.setActiveProfiles("mysql", "chaos-monkey");

    assertThat(AheadOfTime.beanShapingSettings(env)).containsExactly("profile chaos-monkey");
  }

  @Test
  void theSameNameInTheJarsOwnConfigurationIsNotASetting() {
    ConfigurableEnvironment env =
        environment(Map.of("management.endpoints.web.exposure.include", "health"), Map.of());

    assertThat(AheadOfTime.beanShapingSettings(env)).isEmpty();
  }

  /**
   * Every property a condition of the server reads is one the guard names when given at start: a
   * new {@code @ConditionalOnProperty} outside its namespaces would be frozen at its build-time
   * value without anybody noticing.
   */
  @Test
  void everyPropertyTheServersConditionsReadIsNamedWhenGiven() throws ClassNotFoundException {
    List<String> read = new ArrayList<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.perfshop.server")) {
      Class<?> type = Class.forName(c.getName(), false, getClass().getClassLoader());
      List<AnnotatedElement> elements = new ArrayList<>();
      elements.add(type);
      elements.addAll(Arrays.asList(type.getDeclaredMethods()));
      for (AnnotatedElement e : elements) {
        MergedAnnotations annotations = MergedAnnotations.from(e);
        Stream.concat(
                annotations.stream(ConditionalOnProperty.class),
                annotations.stream(ConditionalOnBooleanProperty.class))
            .forEach(a -> read.addAll(names(a)));
      }
    }
    assertThat(read)
        .as("the server has property conditions (signals)")
        .contains("perfshop.signals.enabled");
    for (String name : read) {
      assertThat(
              AheadOfTime.beanShapingSettings(environment(Map.of(), Map.of(), "--" + name + "=x")))
          .as(name)
          .containsExactly(name);
    }
  }

  private static List<String> names(MergedAnnotation<?> condition) {
    String prefix = condition.getString("prefix");
    String[] names = condition.getStringArray("name");
    if (names.length == 0) {
      names = condition.getStringArray("value");
    }
    String dot = prefix.isEmpty() || prefix.endsWith(".") ? "" : ".";
    return Arrays.stream(names).map(n -> prefix + dot + n).toList();
  }

  /** The jar's configuration, the environment variables and the command line; nothing else. */
  private static ConfigurableEnvironment environment(
      Map<String, Object> jar, Map<String, Object> variables, String... args) {
    StandardEnvironment env = new StandardEnvironment();
    MutablePropertySources sources = env.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    if (args.length > 0) {
      sources.addFirst(new SimpleCommandLinePropertySource(args));
    }
    sources.addLast(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    sources.addLast(new MapPropertySource(JAR_CONFIG, jar));
    return env;
  }
}
