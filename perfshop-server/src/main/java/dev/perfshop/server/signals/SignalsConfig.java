package dev.perfshop.server.signals;

import dev.perfshop.server.system.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;

@ConditionalOnSignals
@Configuration(proxyBeanMethods = false)
class SignalsConfig {

  /**
   * Observes every SQL statement. Not {@code Ordered} on purpose: it wraps the DataSource after the
   * other wrappers, so a statement's time includes whatever the connection does before it reaches
   * the database (a test checks it is the outermost).
   */
  @Bean
  static BeanPostProcessor observedDataSource(ObjectProvider<ObservationRegistry> registry) {
    SqlObservations observations =
        new SqlObservations(
            // resolved on the first statement and kept: getIfAvailable matches every bean
            // definition by type on each call (3.6 % of the server's samples, bench/README.md)
            SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP)));
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource ds && !(bean instanceof ObservedDataSource)) {
          return new ObservedDataSource(ds, observations);
        }
        return bean;
      }
    };
  }

  /**
   * Infrastructure, like the advisor that records into it: both are made while the post-processors
   * are (Spring warned at every start that they were not eligible for all of them).
   */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static TraceStore traceStore() {
    return new TraceStore();
  }

  /** Traces are recorded while someone looked at them in the last five minutes. */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static TraceRecorder traceRecorder(TraceStore store) {
    return new TraceRecorder(store, new Watchers(5, TimeUnit.MINUTES));
  }

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static Advisor methodSpans(TraceRecorder recorder) {
    return MethodSpans.advisor(recorder);
  }

  @Bean(destroyMethod = "close")
  Profiler profiler() {
    return new Profiler();
  }

  /** The SQL timers get a help text (promtool checks every meter of ours has one). */
  @Bean
  static io.micrometer.core.instrument.config.MeterFilter sqlTimerDescription() {
    return new io.micrometer.core.instrument.config.MeterFilter() {
      @Override
      public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
        if (!id.getName().startsWith(SqlObservations.NAME) || id.getDescription() != null) {
          return id;
        }
        return new io.micrometer.core.instrument.Meter.Id(
            id.getName(),
            io.micrometer.core.instrument.Tags.of(id.getTags()),
            id.getBaseUnit(),
            "Time of the SQL statements the shop runs, by operation",
            id.getType());
      }
    };
  }

  @Bean
  HeapFloorMeters heapFloorMeters() {
    return new HeapFloorMeters();
  }

  @Bean
  MetricsHistory metricsHistory(MeterRegistry registry, Clock clock) {
    return new MetricsHistory(registry, clock);
  }

  /** Samples the registry every five seconds on one daemon thread, from start to shutdown. */
  @Bean
  SmartLifecycle metricsSampler(MetricsHistory history) {
    return new PeriodicTask(
        "metrics-history",
        Duration.ZERO,
        Duration.ofSeconds(MetricsHistory.STEP_SECONDS),
        history::sample);
  }
}
