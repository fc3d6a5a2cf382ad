package dev.perfshop.server.signals;

import io.micrometer.observation.Observation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource with every statement observed. A prepared statement is timed from
 * its preparation to the end of its first execution (what the caller waits for that statement);
 * each further execution and every plain statement's execution is timed on its own.
 */
final class ObservedDataSource extends DelegatingDataSource {

  private final SqlObservations observations;

  ObservedDataSource(DataSource target, SqlObservations observations) {
    super(target);
    this.observations = observations;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return observe(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return observe(super.getConnection(username, password));
  }

  private Connection observe(Connection connection) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if ((name.equals("prepareStatement") || name.equals("prepareCall"))
              && args != null
              && args[0] instanceof String sql) {
            Observation observation = observations.start(sql);
            try {
              Statement statement = (Statement) invoke(connection, method, args);
              return statement(statement, sql, observation, method.getReturnType());
            } catch (Throwable e) {
              observation.error(e);
              observation.stop();
              throw e;
            }
          }
          if (name.equals("createStatement")) {
            Statement statement = (Statement) invoke(connection, method, args);
            return statement(statement, null, null, Statement.class);
          }
          return invoke(connection, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            ObservedDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Object statement(
      Statement statement, String preparedSql, Observation prepared, Class<?> type) {
    Observation[] pending = {prepared};
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.startsWith("execute")) {
            String sql =
                args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
            Observation observation = pending[0];
            pending[0] = null;
            if (observation == null) {
              observation = observations.start(sql == null ? "" : sql);
            }
            try {
              return invoke(statement, method, args);
            } catch (Throwable e) {
              observation.error(e);
              throw e;
            } finally {
              observation.stop();
            }
          }
          if (name.equals("close") && pending[0] != null) {
            pending[0].stop();
            pending[0] = null;
          }
          return invoke(statement, method, args);
        };
    Class<?> iface =
        type == CallableStatement.class
            ? CallableStatement.class
            : type == PreparedStatement.class ? PreparedStatement.class : Statement.class;
    return Proxy.newProxyInstance(
        ObservedDataSource.class.getClassLoader(), new Class<?>[] {iface}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
