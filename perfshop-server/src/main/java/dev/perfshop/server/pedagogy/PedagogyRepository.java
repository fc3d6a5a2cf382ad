package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Level;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.SessionRow;
import dev.perfshop.server.pedagogy.Rows.StudentRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Plain SQL over the V30 tables (portable between H2 and MySQL/MariaDB). */
@Repository
class PedagogyRepository {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> WHEN = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  PedagogyRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  // --- install key fingerprint

  Optional<String> keyFingerprint() {
    return jdbc.sql("SELECT key_fingerprint FROM pedagogy_install WHERE id = 1")
        .query(String.class)
        .optional();
  }

  void saveKeyFingerprint(String fingerprint, Instant now) {
    if (jdbc.sql("UPDATE pedagogy_install SET key_fingerprint = ? WHERE id = 1")
            .param(fingerprint)
            .update()
        == 0) {
      jdbc.sql("INSERT INTO pedagogy_install (id, key_fingerprint, created_at) VALUES (1, ?, ?)")
          .params(fingerprint, ts(now))
          .update();
    }
  }

  // --- sessions

  long insertSession(String name, Level level, String joinCode, Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO class_sessions (name, course_level, join_code, student_page_open, archived, created_at)"
                + " VALUES (?, ?, ?, FALSE, FALSE, ?)")
        .params(name, level.name(), joinCode, ts(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<SessionRow> session(long id) {
    return jdbc.sql("SELECT * FROM class_sessions WHERE id = ?")
        .param(id)
        .query(PedagogyRepository::session)
        .optional();
  }

  Optional<SessionRow> sessionByJoinCode(String code) {
    return jdbc.sql("SELECT * FROM class_sessions WHERE join_code = ?")
        .param(code)
        .query(PedagogyRepository::session)
        .optional();
  }

  boolean joinCodeTaken(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM class_sessions WHERE join_code = ?")
            .param(code)
            .query(Long.class)
            .single()
        > 0;
  }

  List<SessionRow> sessions(boolean includeArchived) {
    return jdbc.sql(
            "SELECT * FROM class_sessions"
                + (includeArchived ? "" : " WHERE archived = FALSE")
                + " ORDER BY id")
        .query(PedagogyRepository::session)
        .list();
  }

  long activeSessionCount() {
    return jdbc.sql("SELECT COUNT(*) FROM class_sessions WHERE archived = FALSE")
        .query(Long.class)
        .single();
  }

  void setStudentPage(long id, boolean open) {
    jdbc.sql("UPDATE class_sessions SET student_page_open = ? WHERE id = ?")
        .params(open, id)
        .update();
  }

  void archive(long id, Instant now) {
    jdbc.sql(
            "UPDATE class_sessions SET archived = TRUE, student_page_open = FALSE, join_code = NULL,"
                + " archived_at = ? WHERE id = ?")
        .params(ts(now), id)
        .update();
  }

  private static SessionRow session(ResultSet rs, int row) throws SQLException {
    return new SessionRow(
        rs.getLong("id"),
        rs.getString("name"),
        Level.valueOf(rs.getString("course_level")),
        rs.getString("join_code"),
        rs.getBoolean("student_page_open"),
        rs.getBoolean("archived"),
        instant(rs, "created_at"),
        instant(rs, "archived_at"),
        rs.getString("message"),
        instant(rs, "message_at"),
        instant(rs, "frozen_at"));
  }

  void setMessage(long id, String message, Instant at) {
    jdbc.sql("UPDATE class_sessions SET message = ?, message_at = ? WHERE id = ?")
        .params(message, ts(at), id)
        .update();
  }

  void setFrozen(long id, Instant frozenAt) {
    jdbc.sql("UPDATE class_sessions SET frozen_at = ? WHERE id = ?")
        .params(ts(frozenAt), id)
        .update();
  }

  // --- journal (debrief timeline)

  void journal(long sessionId, Instant at, String kind, String detail) {
    jdbc.sql("INSERT INTO session_journal (session_id, at, kind, detail) VALUES (?, ?, ?, ?)")
        .params(sessionId, ts(at), kind, detail.length() <= 500 ? detail : detail.substring(0, 500))
        .update();
  }

  List<Rows.JournalRow> journal(long sessionId) {
    return jdbc.sql(
            "SELECT at, kind, detail FROM session_journal WHERE session_id = ? ORDER BY at, id")
        .param(sessionId)
        .query((rs, i) -> new Rows.JournalRow(instant(rs, "at"), rs.getString(2), rs.getString(3)))
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
        .params(ts(from), ts(to))
        .query(
            (rs, i) ->
                new Rows.ChaosRow(
                    instant(rs, "at"),
                    rs.getString(2),
                    rs.getString(3),
                    (Integer) rs.getObject(4, Integer.class),
                    rs.getString(5)))
        .list();
  }

  // --- students

  long insertStudent(long sessionId, String publicId, String nickname, Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO session_students (session_id, public_id, nickname, nickname_key, joined_at, last_seen_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(sessionId, publicId, nickname, nicknameKey(nickname), ts(now), ts(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<StudentRow> studentByPublicId(String publicId) {
    return jdbc.sql("SELECT * FROM session_students WHERE public_id = ?")
        .param(publicId)
        .query(PedagogyRepository::student)
        .optional();
  }

  Optional<StudentRow> student(long sessionId, long id) {
    return jdbc.sql("SELECT * FROM session_students WHERE session_id = ? AND id = ?")
        .params(sessionId, id)
        .query(PedagogyRepository::student)
        .optional();
  }

  List<StudentRow> students(long sessionId) {
    return jdbc.sql("SELECT * FROM session_students WHERE session_id = ? ORDER BY id")
        .param(sessionId)
        .query(PedagogyRepository::student)
        .list();
  }

  long studentCount(long sessionId) {
    return jdbc.sql("SELECT COUNT(*) FROM session_students WHERE session_id = ?")
        .param(sessionId)
        .query(Long.class)
        .single();
  }

  boolean nicknameTaken(long sessionId, String nickname) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM session_students WHERE session_id = ? AND nickname_key = ?")
            .params(sessionId, nicknameKey(nickname))
            .query(Long.class)
            .single()
        > 0;
  }

  void renameStudent(long id, String nickname) {
    jdbc.sql("UPDATE session_students SET nickname = ?, nickname_key = ? WHERE id = ?")
        .params(nickname, nicknameKey(nickname), id)
        .update();
  }

  void touchStudent(long id, Instant now) {
    jdbc.sql("UPDATE session_students SET last_seen_at = ? WHERE id = ?")
        .params(ts(now), id)
        .update();
  }

  void deleteProgressOf(long studentId) {
    jdbc.sql("DELETE FROM enigma_progress WHERE student_id = ?").param(studentId).update();
  }

  void deleteStudent(long studentId) {
    deleteProgressOf(studentId);
    jdbc.sql("DELETE FROM session_students WHERE id = ?").param(studentId).update();
  }

  static String nicknameKey(String nickname) {
    return nickname.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static StudentRow student(ResultSet rs, int row) throws SQLException {
    return new StudentRow(
        rs.getLong("id"),
        rs.getLong("session_id"),
        rs.getString("public_id"),
        rs.getString("nickname"),
        instant(rs, "joined_at"),
        instant(rs, "last_seen_at"));
  }

  // --- enigmas

  Optional<EnigmaRow> enigma(long sessionId, String key) {
    return jdbc.sql("SELECT * FROM session_enigmas WHERE session_id = ? AND enigma_key = ?")
        .params(sessionId, key)
        .query(this::enigma)
        .optional();
  }

  List<EnigmaRow> enigmas(long sessionId) {
    return jdbc.sql("SELECT * FROM session_enigmas WHERE session_id = ? ORDER BY sort_order, id")
        .param(sessionId)
        .query(this::enigma)
        .list();
  }

  long enigmaCount(long sessionId) {
    return jdbc.sql("SELECT COUNT(*) FROM session_enigmas WHERE session_id = ?")
        .param(sessionId)
        .query(Long.class)
        .single();
  }

  void insertEnigma(
      long sessionId,
      String key,
      String scenarioId,
      String question,
      AnswerChecks.Stored a,
      List<String> hints,
      int maxStars,
      boolean open,
      int sortOrder,
      Instant now) {
    jdbc.sql(
            "INSERT INTO session_enigmas (session_id, enigma_key, scenario_id, question, check_type,"
                + " options_json, multiple_choice, answer_hashes, answer_pattern, answer_value,"
                + " answer_tolerance, answer_unit, binding, hints_json, hints_released, max_stars,"
                + " is_open, sort_order, created_at, measure, answer_when)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)")
        .params(
            sessionId,
            key,
            scenarioId,
            question,
            a.type(),
            a.options().isEmpty() ? null : json.writeValueAsString(a.options()),
            a.multiple(),
            hashes(a.hashes()),
            a.pattern(),
            a.value(),
            a.tolerance(),
            a.unit(),
            a.binding(),
            json.writeValueAsString(hints),
            maxStars,
            open,
            sortOrder,
            ts(now),
            a.measure(),
            when(a))
        .update();
  }

  /** Replaces the definition of an existing enigma; progress and released hints stay. */
  void updateEnigma(
      long id,
      String scenarioId,
      String question,
      AnswerChecks.Stored a,
      List<String> hints,
      int maxStars) {
    jdbc.sql(
            "UPDATE session_enigmas SET scenario_id = ?, question = ?, check_type = ?, options_json = ?,"
                + " multiple_choice = ?, answer_hashes = ?, answer_pattern = ?, answer_value = ?,"
                + " answer_tolerance = ?, answer_unit = ?, binding = ?, hints_json = ?, max_stars = ?,"
                + " measure = ?, answer_when = ? WHERE id = ?")
        .params(
            scenarioId,
            question,
            a.type(),
            a.options().isEmpty() ? null : json.writeValueAsString(a.options()),
            a.multiple(),
            hashes(a.hashes()),
            a.pattern(),
            a.value(),
            a.tolerance(),
            a.unit(),
            a.binding(),
            json.writeValueAsString(hints),
            maxStars,
            a.measure(),
            when(a),
            id)
        .update();
  }

  private String when(AnswerChecks.Stored a) {
    return a.when().isEmpty() ? null : json.writeValueAsString(a.when());
  }

  void setEnigmaOpen(long id, boolean open) {
    jdbc.sql("UPDATE session_enigmas SET is_open = ? WHERE id = ?").params(open, id).update();
  }

  void setBoundHash(long id, String hash) {
    jdbc.sql("UPDATE session_enigmas SET answer_hashes = ? WHERE id = ?").params(hash, id).update();
  }

  void setHintsReleased(long id, int released) {
    jdbc.sql("UPDATE session_enigmas SET hints_released = ? WHERE id = ?")
        .params(released, id)
        .update();
  }

  void deleteEnigma(long id) {
    jdbc.sql("DELETE FROM enigma_progress WHERE enigma_id = ?").param(id).update();
    jdbc.sql("DELETE FROM session_enigmas WHERE id = ?").param(id).update();
  }

  private EnigmaRow enigma(ResultSet rs, int row) throws SQLException {
    String options = rs.getString("options_json");
    String hashes = rs.getString("answer_hashes");
    AnswerChecks.Stored answer =
        new AnswerChecks.Stored(
            rs.getString("check_type"),
            options == null ? List.of() : json.readValue(options, STRINGS),
            rs.getBoolean("multiple_choice"),
            hashes == null || hashes.isEmpty() ? List.of() : Arrays.asList(hashes.split(",")),
            rs.getString("answer_pattern"),
            nullableDouble(rs, "answer_value"),
            nullableDouble(rs, "answer_tolerance"),
            rs.getString("answer_unit"),
            rs.getString("binding"),
            rs.getString("measure"),
            rs.getString("answer_when") == null
                ? Map.of()
                : json.readValue(rs.getString("answer_when"), WHEN));
    return new EnigmaRow(
        rs.getLong("id"),
        rs.getLong("session_id"),
        rs.getString("enigma_key"),
        rs.getString("scenario_id"),
        rs.getString("question"),
        answer,
        json.readValue(rs.getString("hints_json"), STRINGS),
        rs.getInt("hints_released"),
        rs.getInt("max_stars"),
        rs.getBoolean("is_open"),
        rs.getInt("sort_order"),
        anomalies(rs.getString("anomalies")));
  }

  private static List<String> anomalies(String csv) {
    return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
  }

  void setMeasure(long id, String measure) {
    jdbc.sql("UPDATE session_enigmas SET measure = ? WHERE id = ?").params(measure, id).update();
  }

  void setAnomalies(long id, List<String> anomalies) {
    jdbc.sql("UPDATE session_enigmas SET anomalies = ? WHERE id = ?")
        .params(anomalies.isEmpty() ? null : String.join(",", anomalies), id)
        .update();
  }

  // --- progress

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
          .params(studentId, enigmaId, ts(now))
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
        .query(PedagogyRepository::progress)
        .optional();
  }

  List<ProgressRow> progressOfStudent(long studentId) {
    return jdbc.sql("SELECT * FROM enigma_progress WHERE student_id = ?")
        .param(studentId)
        .query(PedagogyRepository::progress)
        .list();
  }

  List<ProgressRow> progressOfSession(long sessionId) {
    return jdbc.sql(
            "SELECT p.* FROM enigma_progress p JOIN session_students s ON s.id = p.student_id"
                + " WHERE s.session_id = ?")
        .param(sessionId)
        .query(PedagogyRepository::progress)
        .list();
  }

  void recordWrong(long id, boolean counts, String fingerprint, Instant now) {
    jdbc.sql(
            "UPDATE enigma_progress SET attempts = attempts + 1, wrong_answers = wrong_answers + ?,"
                + " last_wrong = ?, updated_at = ? WHERE id = ?")
        .params(counts ? 1 : 0, fingerprint, ts(now), id)
        .update();
  }

  /** Marks a solve; false when it was already solved (a solve happens once). */
  boolean recordSolve(long id, int stars, Instant now) {
    return jdbc.sql(
                "UPDATE enigma_progress SET attempts = attempts + 1, solved_at = ?, stars = ?,"
                    + " updated_at = ? WHERE id = ? AND solved_at IS NULL")
            .params(ts(now), stars, ts(now), id)
            .update()
        == 1;
  }

  void setHintsTaken(long id, int taken, Instant now) {
    jdbc.sql("UPDATE enigma_progress SET hints_taken = ?, updated_at = ? WHERE id = ?")
        .params(taken, ts(now), id)
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
        instant(rs, "solved_at"),
        starsOrNull);
  }

  // --- helpers

  private static String hashes(List<String> hashes) {
    return hashes.isEmpty() ? null : String.join(",", hashes);
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
