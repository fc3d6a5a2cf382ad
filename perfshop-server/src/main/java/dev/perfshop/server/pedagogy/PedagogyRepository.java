package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Level;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
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
      StoredAnswer a,
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
      StoredAnswer a,
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

  private String when(StoredAnswer a) {
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
    StoredAnswer answer =
        new StoredAnswer(
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

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
