package dev.perfshop.server.pedagogy;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A session's timeline for the debrief: the class journal and the chaos changes it saw. */
@Repository
class TimelineRepository {

  private final JdbcClient jdbc;

  TimelineRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void journal(long sessionId, Instant at, String kind, String detail) {
    jdbc.sql("INSERT INTO session_journal (session_id, at, kind, detail) VALUES (?, ?, ?, ?)")
        .params(
            sessionId,
            PedagogyRepository.ts(at),
            kind,
            detail.length() <= 500 ? detail : detail.substring(0, 500))
        .update();
  }

  List<Rows.JournalRow> journal(long sessionId) {
    return jdbc.sql(
            "SELECT at, kind, detail FROM session_journal WHERE session_id = ? ORDER BY at, id")
        .param(sessionId)
        .query(
            (rs, i) ->
                new Rows.JournalRow(
                    PedagogyRepository.instant(rs, "at"), rs.getString(2), rs.getString(3)))
        .list();
  }

  /**
   * The chaos changes between two instants, from the chaos feature's append-only audit table (the
   * pedagogy feature only reads it: it is how a session learns when each anomaly began).
   */
  List<Rows.ChaosRow> chaosChanges(Instant from, Instant to) {
    return jdbc.sql(
            "SELECT at, action, chaos_type, chaos_level, scenario_id FROM chaos_audit"
                + " WHERE at >= ? AND at <= ? ORDER BY at, id")
        .params(PedagogyRepository.ts(from), PedagogyRepository.ts(to))
        .query(
            (rs, i) ->
                new Rows.ChaosRow(
                    PedagogyRepository.instant(rs, "at"),
                    rs.getString(2),
                    rs.getString(3),
                    (Integer) rs.getObject(4, Integer.class),
                    rs.getString(5)))
        .list();
  }
}
