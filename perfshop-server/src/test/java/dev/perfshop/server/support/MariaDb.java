package dev.perfshop.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the real MariaDB server named by {@code PERFSHOP_TEST_MARIADB_URL} (set by
 * {@code scripts/with-mariadb}, which {@code make test} uses). Each call creates a new empty
 * database, so suites never see each other's rows.
 */
public final class MariaDb {

  private MariaDb() {}

  /** Points Spring at a new database on the test MariaDB server, with the {@code mysql} dialect. */
  public static void register(DynamicPropertyRegistry registry) {
    String url = createDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", MariaDb::user);
    registry.add("spring.datasource.password", MariaDb::password);
  }

  /**
   * The lab's combination: a new database on the test MariaDB server reached through the MySQL
   * driver (Connector/J), as the lab's server reaches its MySQL 8 (or the MariaDB stand-in), so
   * Hibernate speaks the MySQL dialect to MariaDB.
   */
  public static void registerThroughMysqlDriver(DynamicPropertyRegistry registry) {
    String url =
        createDatabase().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:")
            + "?allowPublicKeyRetrieval=true";
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.driver-class-name", () -> "com.mysql.cj.jdbc.Driver");
    registry.add("spring.datasource.username", MariaDb::user);
    registry.add("spring.datasource.password", MariaDb::password);
  }

  public static String createDatabase() {
    String server = System.getenv("PERFSHOP_TEST_MARIADB_URL");
    RealParts.require(
        server != null && !server.isBlank(),
        "MariaDB (PERFSHOP_TEST_MARIADB_URL)",
        "install mariadb-server and run the tests with `make test`");
    String name = "perfshop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(server, user(), password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + server, e);
    }
    return server + name;
  }

  static String user() {
    return System.getenv().getOrDefault("PERFSHOP_TEST_MARIADB_USER", "perfshop");
  }

  static String password() {
    return System.getenv().getOrDefault("PERFSHOP_TEST_MARIADB_PASSWORD", "");
  }
}
