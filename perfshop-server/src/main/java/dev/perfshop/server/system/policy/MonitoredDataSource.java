package dev.perfshop.server.system.policy;

import dev.perfshop.server.chaos.ChaosType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource, seen through chaos: for a request with a db-outage hit no
 * connection can be had, and with a db-latency hit every statement waits before it reaches the
 * database. Requests without hits (and every background task) go straight through.
 */
final class MonitoredDataSource extends DelegatingDataSource {

  private static final ChaosType DB_LATENCY = ChaosType.of("db-latency");
  private static final ChaosType DB_OUTAGE = ChaosType.of("db-outage");

  private static final long[] LATENCY_MS = DB_LATENCY.longs("delayMs");
  private static final long[] OUTAGE_WAIT_MS = DB_OUTAGE.longs("waitMs");

  MonitoredDataSource(DataSource target) {
    super(target);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return monitored(super.getConnection(), true);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return monitored(super.getConnection(username, password), true);
  }

  private Connection monitored(Connection connection, boolean fresh) throws SQLException {
    Activation outage = PolicyContext.hit(DB_OUTAGE);
    if (outage != null) {
      connection.close();
      long wait = OUTAGE_WAIT_MS[outage.level() - 1];
      if (wait > 0) {
        Waiter.REAL.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait), outage);
      }
      throw new SQLTransientConnectionException(
          "perfshop - Connection is not available, request timed out after " + wait + "ms.",
          "08001");
    }
    Activation latency = PolicyContext.hit(DB_LATENCY);
    if (latency == null) {
      return connection;
    }
    long nanos = TimeUnit.MILLISECONDS.toNanos(LATENCY_MS[latency.level() - 1]);
    InvocationHandler slow =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.startsWith("prepare") || name.equals("createStatement")) {
            Waiter.REAL.sleepUntil(System.nanoTime() + nanos, latency);
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, slow);
  }
}
