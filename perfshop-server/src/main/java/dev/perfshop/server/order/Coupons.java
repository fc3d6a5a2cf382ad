package dev.perfshop.server.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Checkout coupons (table {@code coupons}): a code takes a share of the subtotal off an order. */
@Component
class Coupons {

  private final JdbcTemplate jdbc;

  Coupons(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Codes are matched without regard to case and stored upper-case. */
  static String normalize(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  /** The share of the subtotal an active coupon takes off (0.10 for 10 %), or empty. */
  Optional<BigDecimal> rate(String code) {
    return jdbc
        .query(
            "SELECT percent_off FROM coupons WHERE code = ? AND active = TRUE",
            (rs, i) -> rs.getBigDecimal(1),
            normalize(code))
        .stream()
        .findFirst()
        .map(p -> p.divide(BigDecimal.valueOf(100), 4, RoundingMode.UNNECESSARY));
  }
}
