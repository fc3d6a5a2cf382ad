package dev.perfshop.server.pedagogy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The checkouts counted for doing enigmas (table {@code doing_checkouts}, V46). */
@Repository
class CheckoutTally {

  private final JdbcClient jdbc;

  CheckoutTally(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts an order for a student's enigma; false when that order was already counted. */
  boolean count(long enigmaId, long studentId, long orderId, Instant now) {
    try {
      return jdbc.sql(
                  "INSERT INTO doing_checkouts (enigma_id, student_id, order_id, counted_at)"
                      + " VALUES (?, ?, ?, ?)")
              .params(enigmaId, studentId, orderId, PedagogyRepository.ts(now))
              .update()
          == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  int count(long enigmaId, long studentId) {
    return jdbc.sql("SELECT COUNT(*) FROM doing_checkouts WHERE student_id = ? AND enigma_id = ?")
        .params(studentId, enigmaId)
        .query(Integer.class)
        .single();
  }

  /** Counted checkouts of a student, by enigma id. */
  Map<Long, Integer> countsOf(long studentId) {
    Map<Long, Integer> counts = new HashMap<>();
    jdbc.sql(
            "SELECT enigma_id, COUNT(*) AS n FROM doing_checkouts WHERE student_id = ?"
                + " GROUP BY enigma_id")
        .param(studentId)
        .query(
            rs -> {
              counts.put(rs.getLong("enigma_id"), rs.getInt("n"));
            });
    return counts;
  }
}
