package dev.perfshop.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A suite against the real MariaDB server of {@code scripts/with-mariadb}. Without that server the
 * suite is skipped with a loud reason <em>before</em> its Spring context loads (an abort inside
 * {@code @DynamicPropertySource} would surface as a context error, not a skip); with {@code
 * CI=true} it runs anyway and fails on the missing server ({@link MariaDb#createDatabase}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresMariaDb.Condition.class)
public @interface RequiresMariaDb {

  /** Decides from the environment; evaluated before any other extension touches the class. */
  final class Condition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      ConditionEvaluationResult result = evaluate(System.getenv());
      if (result.isDisabled()) {
        System.err.println(
            "SKIPPED (real part missing): "
                + context.getDisplayName()
                + ": "
                + result.getReason().orElse(""));
      }
      return result;
    }

    static ConditionEvaluationResult evaluate(Map<String, String> env) {
      String url = env.get("PERFSHOP_TEST_MARIADB_URL");
      if (url != null && !url.isBlank()) {
        return ConditionEvaluationResult.enabled("MariaDB at " + url);
      }
      if ("true".equalsIgnoreCase(env.get("CI"))) {
        return ConditionEvaluationResult.enabled("CI=true: a missing MariaDB fails the suite");
      }
      return ConditionEvaluationResult.disabled(
          "MariaDB (PERFSHOP_TEST_MARIADB_URL) is not available: install mariadb-server and run"
              + " the tests with `make test` (scripts/with-mariadb starts a private server)");
    }
  }
}
