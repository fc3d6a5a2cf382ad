package dev.perfshop.server.chaos;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only audit log of chaos changes, in the {@code chaos_audit} table. Writing it never
 * blocks a halt: when the database cannot take the entry, it goes to the log instead.
 */
@Component
class ChaosAudit {

  private static final Logger log = LoggerFactory.getLogger(ChaosAudit.class);

  /** One audit entry as the API returns it. */
  record Entry(
      Instant at,
      String actor,
      String action,
      String type,
      Integer level,
      String scenarioId,
      String detail) {}

  private final JdbcClient jdbc;

  ChaosAudit(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(Entry e) {
    try {
      jdbc.sql(
              "INSERT INTO chaos_audit (at, actor, action, chaos_type, chaos_level, scenario_id,"
                  + " detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              Timestamp.from(e.at()),
              e.actor(),
              e.action(),
              e.type(),
              e.level(),
              e.scenarioId(),
              truncate(e.detail()))
          .update();
    } catch (DataAccessException failure) {
      log.warn(
          "chaos audit entry not stored ({}): at={} actor={} action={} type={} level={}"
              + " scenario={} detail={}",
          failure.getClass().getSimpleName(),
          e.at(),
          e.actor(),
          e.action(),
          e.type(),
          e.level(),
          e.scenarioId(),
          e.detail());
    }
  }

  List<Entry> newest(int limit) {
    return jdbc.sql(
            "SELECT at, actor, action, chaos_type, chaos_level, scenario_id, detail FROM"
                + " chaos_audit ORDER BY id DESC LIMIT ?")
        .param(limit)
        .query(
            (rs, i) ->
                new Entry(
                    rs.getTimestamp(1).toInstant(),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    (Integer) rs.getObject(5, Integer.class),
                    rs.getString(6),
                    rs.getString(7)))
        .list();
  }

  private static String truncate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500);
  }
}
