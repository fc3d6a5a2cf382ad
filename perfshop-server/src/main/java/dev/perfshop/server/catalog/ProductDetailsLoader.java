package dev.perfshop.server.catalog;

import dev.perfshop.server.chaos.ChaosType;
import dev.perfshop.server.system.policy.Activation;
import dev.perfshop.server.system.policy.RequestPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs an expensive, unindexed self-join over the products table on the real database (string work
 * on every pair of rows), so the slow statement shows in DB metrics and traces.
 */
@Component
public class ProductDetailsLoader implements RequestPolicy {

  private static final ChaosType SLOW_QUERY = ChaosType.of("slow-query");

  private static final long[] ROWS = SLOW_QUERY.longs("rows");
  public static final String SQL =
      "SELECT COUNT(*) FROM products a JOIN products b ON a.id <> b.id"
          + " WHERE a.id < (SELECT MIN(id) FROM products) + ?"
          + " AND LOWER(CONCAT(a.name, b.description)) LIKE ?";

  private final JdbcTemplate jdbc;

  ProductDetailsLoader(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    jdbc.setQueryTimeout(30);
  }

  @Override
  public ChaosType type() {
    return SLOW_QUERY;
  }

  @Override
  public void apply(Activation a, HttpServletRequest request, HttpServletResponse response) {
    int runs = a.level() == 5 ? 2 : 1;
    for (int i = 0; i < runs && !a.released(); i++) {
      jdbc.queryForObject(SQL, Long.class, ROWS[a.level() - 1], "%q%z%x%");
    }
  }
}
