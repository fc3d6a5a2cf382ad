package dev.perfshop.server.signals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@ConditionalOnSignals
@Configuration(proxyBeanMethods = false)
class LogTailConfig {

  /** The admin token by value (configured, or the plain copy made at first start). */
  static List<String> knownSecrets(Environment env) {
    List<String> secrets = new ArrayList<>();
    secrets.add(env.getProperty("perfshop.admin.token"));
    String dataDir = env.getProperty("perfshop.data-dir");
    if (dataDir != null) {
      Path file = Path.of(dataDir, "admin-token");
      try {
        if (Files.isReadable(file)) {
          secrets.add(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
      } catch (IOException e) {
        // the generic patterns still catch a token-shaped value
      }
    }
    return secrets;
  }

  @Bean
  LogTail logTail(Environment env) {
    return new LogTail(new LogRedactor(knownSecrets(env)));
  }

  /** Attaches the tail to the root logger while the application runs. */
  @Bean
  SmartLifecycle logTailAttachment(LogTail tail) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
          tail.setContext(context);
          tail.start();
          context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(tail);
        }
        running = true;
      }

      @Override
      public void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
          context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(tail);
        }
        tail.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        // Early: attached before the web server starts taking requests, detached after it stops.
        return Integer.MIN_VALUE + 100;
      }
    };
  }
}
