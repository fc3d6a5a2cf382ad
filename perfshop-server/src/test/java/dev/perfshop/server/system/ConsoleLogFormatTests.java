package dev.perfshop.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The console of {@code make run} is for people: the shipped defaults choose no structured format
 * (the lab's containers set {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} themselves).
 */
class ConsoleLogFormatTests {

  @Test
  void theShippedDefaultsPrintHumanReadableConsoleLines() throws Exception {
    List<PropertySource<?>> sources =
        new YamlPropertySourceLoader().load("defaults", new ClassPathResource("application.yml"));
    assertThat(sources).isNotEmpty();
    for (PropertySource<?> source : sources) {
      assertThat(source.getProperty("logging.structured.format.console")).isNull();
    }
  }
}
