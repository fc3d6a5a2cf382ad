package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.ProblemDecorator;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.SpringVersion;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** verbose-errors: problem details leak the exception, its stack and the platform versions. */
@Component
class ErrorDetails implements ProblemDecorator {

  private static final ChaosType VERBOSE_ERRORS = ChaosType.of("verbose-errors");

  private final ObjectProvider<DataSource> dataSource;
  private volatile String database;

  ErrorDetails(ObjectProvider<DataSource> dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void decorate(ProblemDetail problem, Throwable error, HttpServletRequest request) {
    Activation a = PolicyContext.hit(VERBOSE_ERRORS);
    if (a == null) {
      return;
    }
    int level = a.level();
    problem.setProperty("exception", error.getClass().getName());
    if (level >= 2) {
      problem.setProperty("message", String.valueOf(error.getMessage()));
    }
    if (level == 3) {
      problem.setProperty(
          "trace",
          Arrays.stream(error.getStackTrace()).limit(5).map(StackTraceElement::toString).toList());
    }
    if (level >= 4) {
      problem.setProperty("trace", fullTrace(error));
    }
    if (level == 5) {
      Map<String, String> versions = new LinkedHashMap<>();
      versions.put("java", System.getProperty("java.version"));
      versions.put("jvm", System.getProperty("java.vm.name"));
      versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
      versions.put("spring", SpringVersion.getVersion());
      versions.put("server", request.getServletContext().getServerInfo());
      versions.put("database", database());
      problem.setProperty("versions", versions);
    }
  }

  private static List<String> fullTrace(Throwable error) {
    List<String> lines = new ArrayList<>();
    for (Throwable t = error; t != null && lines.size() < 400; t = t.getCause()) {
      lines.add((t == error ? "" : "Caused by: ") + t);
      for (StackTraceElement e : t.getStackTrace()) {
        lines.add("\tat " + e);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return lines;
  }

  private String database() {
    String known = database;
    if (known != null) {
      return known;
    }
    try (Connection c = dataSource.getObject().getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      known = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
    } catch (Exception e) {
      return "unknown";
    }
    database = known;
    return known;
  }
}
