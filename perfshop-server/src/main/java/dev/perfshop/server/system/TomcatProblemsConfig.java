package dev.perfshop.server.system;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts {@link ProblemErrorReportValve} on Tomcat's host in place of the stock error report valve
 * (the one Tomcat adds and the one Spring Boot adds to hide the server version), so that errors
 * Tomcat answers by itself are problem details too.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblemsConfig {

  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports(
      JsonMapper json) {
    return new ProblemReportsCustomizer(json);
  }

  /** Runs after Spring Boot's own customizers, whose context customizers add a stock valve. */
  private record ProblemReportsCustomizer(JsonMapper json)
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
              }
            }
            if (host instanceof StandardHost standard) {
              standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
            host.getPipeline().addValve(new ProblemErrorReportValve(json));
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
