package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Scenario;
import dev.perfshop.scenario.ScenarioLibrary;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Views.Cell;
import dev.perfshop.server.pedagogy.Views.Detection;
import dev.perfshop.server.pedagogy.Views.EnigmaSummary;
import dev.perfshop.server.pedagogy.Views.ProgressView;
import dev.perfshop.server.pedagogy.Views.StudentDetection;
import dev.perfshop.server.pedagogy.Views.StudentProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grades out of a session: a gradebook CSV (one row per student, one column per enigma, a total;
 * imports into Moodle's "CSV file" grade import and spreadsheets) and a CTFd challenge set.
 */
@Component
class GradeExports {

  /** Excel on Windows reads UTF-8 only when the file starts with a byte-order mark. */
  static final String BOM = "\uFEFF";

  /** A CTFd challenge: what {@code ctf challenge install} (ctfcli) and the CTFd API take. */
  record CtfdHint(String content, int cost) {}

  record CtfdChallenge(
      String name,
      String category,
      String description,
      int value,
      String type,
      String state,
      List<String> tags,
      List<CtfdHint> hints,
      List<String> flags) {}

  record CtfdSet(String format, String session, List<CtfdChallenge> challenges, String note) {}

  /** One CTFd point per star is too flat to rank a class: a star is worth 100 points. */
  static final int POINTS_PER_STAR = 100;

  private final ClassSessions sessions;
  private final PedagogyRepository repository;

  GradeExports(ClassSessions sessions, PedagogyRepository repository) {
    this.sessions = sessions;
    this.repository = repository;
  }

  /**
   * {@code nickname,student_id,<enigma…>,total,solved,hints_taken,wrong_answers,time_to_detect_s}:
   * stars per enigma (0 when unsolved), the median time to detect of the student over the session's
   * anomalies (empty when they detected none). Cells that could start a formula are neutralised.
   */
  @Transactional(readOnly = true)
  public String gradebookCsv(long sessionId, boolean bom) {
    ProgressView p = sessions.progress(sessionId);
    StringBuilder out = new StringBuilder(bom ? BOM : "");
    List<String> header = new ArrayList<>(List.of("nickname", "student_id"));
    p.enigmas().forEach(e -> header.add(csv(e.key())));
    header.addAll(List.of("total", "solved", "hints_taken", "wrong_answers", "time_to_detect_s"));
    out.append(String.join(",", header)).append("\r\n");
    for (StudentProgress st : p.students()) {
      List<String> row = new ArrayList<>(List.of(csv(st.nickname()), Long.toString(st.id())));
      for (EnigmaSummary e : p.enigmas()) {
        Cell c = st.enigmas().get(e.key());
        row.add(c != null && c.solved() && c.stars() != null ? c.stars().toString() : "0");
      }
      Double ttd = medianDetection(p.detections(), st.id());
      row.addAll(
          List.of(
              Integer.toString(st.stars()),
              Integer.toString(st.solved()),
              Integer.toString(st.hintsTaken()),
              Integer.toString(st.wrongAnswers()),
              ttd == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", ttd)));
      out.append(String.join(",", row)).append("\r\n");
    }
    return out.toString();
  }

  static Double medianDetection(List<Detection> detections, long studentId) {
    List<Double> mine =
        detections.stream()
            .flatMap(d -> d.students().stream())
            .filter(s -> s.id() == studentId && s.seconds() != null)
            .map(StudentDetection::seconds)
            .toList();
    return mine.isEmpty() ? null : DetectionTimes.spread(mine, 1).medianSeconds();
  }

  /**
   * The session's enigmas as CTFd challenges: category = the scenario's first family, value from
   * the stars, hints with their cost (a hint costs one star; a released one is free). Answers are
   * stored only as keyed hashes, so the set carries no flags: add them in CTFd.
   */
  @Transactional(readOnly = true)
  public CtfdSet ctfd(long sessionId) {
    var session = sessions.get(sessionId);
    Map<String, Scenario> scenarios =
        ScenarioLibrary.shipped().stream()
            .map(ScenarioLibrary.Entry::scenario)
            .collect(
                Collectors.toMap(
                    Scenario::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    List<CtfdChallenge> challenges = new ArrayList<>();
    for (EnigmaRow e : repository.enigmas(sessionId)) {
      Scenario scenario = e.scenarioId() == null ? null : scenarios.get(e.scenarioId());
      String category =
          scenario != null && !scenario.families().isEmpty()
              ? scenario.families().getFirst()
              : "class";
      List<CtfdHint> hints = new ArrayList<>();
      for (int i = 0; i < e.hints().size(); i++) {
        hints.add(new CtfdHint(e.hints().get(i), i < e.hintsReleased() ? 0 : POINTS_PER_STAR));
      }
      List<String> tags = new ArrayList<>(List.of(session.level().name()));
      if (e.scenarioId() != null) {
        tags.add(e.scenarioId());
      }
      challenges.add(
          new CtfdChallenge(
              e.key(),
              category,
              e.question(),
              e.maxStars() * POINTS_PER_STAR,
              "standard",
              e.open() ? "visible" : "hidden",
              tags,
              hints,
              List.of()));
    }
    return new CtfdSet(
        "ctfcli-challenges",
        session.name(),
        challenges,
        "flags are empty: PerfShop keeps answers only as keyed hashes; add each flag in CTFd");
  }

  /** One CSV line per student and enigma, spreadsheet-safe (no formula can be injected). */
  static String longCsv(ProgressView p) {
    StringBuilder out =
        new StringBuilder(
            "session_id,session_name,level,student_id,nickname,enigma,solved,stars,hints_taken,wrong_answers,attempts,solved_at\r\n");
    for (StudentProgress st : p.students()) {
      for (EnigmaSummary e : p.enigmas()) {
        Cell c = st.enigmas().getOrDefault(e.key(), new Cell(false, null, 0, 0, 0, null));
        out.append(
                String.join(
                    ",",
                    Long.toString(p.session().id()),
                    csv(p.session().name()),
                    p.session().level().name(),
                    Long.toString(st.id()),
                    csv(st.nickname()),
                    csv(e.key()),
                    Boolean.toString(c.solved()),
                    c.stars() == null ? "" : c.stars().toString(),
                    Integer.toString(c.hintsTaken()),
                    Integer.toString(c.wrongAnswers()),
                    Integer.toString(c.attempts()),
                    c.solvedAt() == null ? "" : c.solvedAt().toString()))
            .append("\r\n");
      }
    }
    return out.toString();
  }

  static String csv(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
