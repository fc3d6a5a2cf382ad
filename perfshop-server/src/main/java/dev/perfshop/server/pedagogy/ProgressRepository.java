package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each student's progress on each enigma (table {@code enigma_progress}). */
@Repository
class ProgressRepository {

  private final JdbcClient jdbc;

  ProgressRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The progress row of a student on an enigma, created on first use and locked for update. */
  ProgressRow lockProgress(long studentId, long enigmaId, Instant now) {
    Optional<ProgressRow> found = progressForUpdate(studentId, enigmaId);
    if (found.isPresent()) {
      return found.get();
    }
    try {
      jdbc.sql(
              "INSERT INTO enigma_progress (student_id, enigma_id, hints_taken, wrong_answers,"
                  + " attempts, updated_at) VALUES (?, ?, 0, 0, 0, ?)")
          .params(studentId, enigmaId, PedagogyRepository.ts(now))
          .update();
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      // a concurrent request created it: lock theirs below
    }
    return progressForUpdate(studentId, enigmaId).orElseThrow();
  }

  private Optional<ProgressRow> progressForUpdate(long studentId, long enigmaId) {
    return jdbc.sql(
            "SELECT * FROM enigma_progress WHERE student_id = ? AND enigma_id = ? FOR UPDATE")
        .params(studentId, enigmaId)
        .query(ProgressRepository::progress)
        .optional();
  }

  List<ProgressRow> progressOfStudent(long studentId) {
    return jdbc.sql("SELECT * FROM enigma_progress WHERE student_id = ?")
        .param(studentId)
        .query(ProgressRepository::progress)
        .list();
  }

  List<ProgressRow> progressOfSession(long sessionId) {
    return jdbc.sql(
            "SELECT p.* FROM enigma_progress p JOIN session_students s ON s.id = p.student_id"
                + " WHERE s.session_id = ?")
        .param(sessionId)
        .query(ProgressRepository::progress)
        .list();
  }

  void recordWrong(long id, boolean counts, String fingerprint, Instant now) {
    jdbc.sql(
            "UPDATE enigma_progress SET attempts = attempts + 1, wrong_answers = wrong_answers + ?,"
                + " last_wrong = ?, updated_at = ? WHERE id = ?")
        .params(counts ? 1 : 0, fingerprint, PedagogyRepository.ts(now), id)
        .update();
  }

  /** Marks a solve; false when it was already solved (a solve happens once). */
  boolean recordSolve(long id, int stars, Instant now) {
    return jdbc.sql(
                "UPDATE enigma_progress SET attempts = attempts + 1, solved_at = ?, stars = ?,"
                    + " updated_at = ? WHERE id = ? AND solved_at IS NULL")
            .params(PedagogyRepository.ts(now), stars, PedagogyRepository.ts(now), id)
            .update()
        == 1;
  }

  void setHintsTaken(long id, int taken, Instant now) {
    jdbc.sql("UPDATE enigma_progress SET hints_taken = ?, updated_at = ? WHERE id = ?")
        .params(taken, PedagogyRepository.ts(now), id)
        .update();
  }

  private static ProgressRow progress(ResultSet rs, int row) throws SQLException {
    int stars = rs.getInt("stars");
    Integer starsOrNull = rs.wasNull() ? null : stars;
    return new ProgressRow(
        rs.getLong("id"),
        rs.getLong("student_id"),
        rs.getLong("enigma_id"),
        rs.getInt("hints_taken"),
        rs.getInt("wrong_answers"),
        rs.getInt("attempts"),
        rs.getString("last_wrong"),
        PedagogyRepository.instant(rs, "solved_at"),
        starsOrNull);
  }
}
