package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.StudentRow;
import dev.perfshop.server.pedagogy.Views.ProgressView;
import dev.perfshop.server.pedagogy.Views.Rank;
import dev.perfshop.server.pedagogy.Views.StudentProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A class's standings and its debrief, computed from rows (no state, no database). */
final class Standings {

  private Standings() {}

  /** The debrief of a session: its progress, the chaos changes during it and its journal. */
  static Views.Report report(
      ProgressView p, List<Rows.ChaosRow> chaos, List<Rows.JournalRow> journal) {
    List<Views.Incident> timeline = new ArrayList<>();
    for (Rows.ChaosRow c : chaos) {
      timeline.add(
          new Views.Incident(
              c.at(),
              "chaos",
              c.action()
                  + (c.type() == null ? "" : " " + c.type())
                  + (c.level() == null || !"enable".equals(c.action()) ? "" : " level " + c.level())
                  + (c.scenarioId() == null ? "" : " (scenario " + c.scenarioId() + ")")));
    }
    journal.forEach(j -> timeline.add(new Views.Incident(j.at(), j.kind(), j.detail())));
    Map<String, Instant> firstSolve = new LinkedHashMap<>();
    Map<String, String> firstBy = new LinkedHashMap<>();
    for (StudentProgress st : p.students()) {
      st.enigmas()
          .forEach(
              (key, cell) -> {
                if (cell.solvedAt() != null
                    && (firstSolve.get(key) == null
                        || cell.solvedAt().isBefore(firstSolve.get(key)))) {
                  firstSolve.put(key, cell.solvedAt());
                  firstBy.put(key, st.nickname());
                }
              });
    }
    firstSolve.forEach(
        (key, at) ->
            timeline.add(
                new Views.Incident(at, "detection", key + " first solved by " + firstBy.get(key))));
    timeline.sort(Comparator.comparing(Views.Incident::at));
    return new Views.Report(
        p.session(),
        timeline,
        p.leaderboard(),
        p.detections(),
        p.enigmas(),
        List.of(),
        p.generatedAt());
  }

  /** The progress as it stood at an instant: later solves do not count yet (null: now). */
  static Map<Long, List<ProgressRow>> asOf(Map<Long, List<ProgressRow>> progress, Instant at) {
    if (at == null) {
      return progress;
    }
    Map<Long, List<ProgressRow>> out = new LinkedHashMap<>();
    progress.forEach(
        (student, rows) ->
            out.put(
                student,
                rows.stream()
                    .filter(p -> p.solvedAt() == null || !p.solvedAt().isAfter(at))
                    .toList()));
    return out;
  }

  static int stars(List<ProgressRow> progress) {
    return progress.stream()
        .filter(ProgressRow::solved)
        .mapToInt(p -> p.stars() == null ? 0 : p.stars())
        .sum();
  }

  /** Most stars first, then most solves, then whoever got there first. */
  static List<Rank> leaderboard(List<StudentRow> students, Map<Long, List<ProgressRow>> progress) {
    record Score(String nickname, int stars, int solved, Instant last) {}
    List<Score> scores =
        students.stream()
            .map(
                st -> {
                  List<ProgressRow> mine = progress.getOrDefault(st.id(), List.of());
                  Instant last =
                      mine.stream()
                          .map(ProgressRow::solvedAt)
                          .filter(java.util.Objects::nonNull)
                          .max(Comparator.naturalOrder())
                          .orElse(null);
                  return new Score(
                      st.nickname(),
                      stars(mine),
                      (int) mine.stream().filter(ProgressRow::solved).count(),
                      last);
                })
            .sorted(
                Comparator.comparingInt(Score::stars)
                    .reversed()
                    .thenComparing(Comparator.comparingInt(Score::solved).reversed())
                    .thenComparing(Score::last, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Score::nickname))
            .toList();
    List<Rank> ranks = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      Score s = scores.get(i);
      Score prev = i == 0 ? null : scores.get(i - 1);
      int rank =
          prev != null && prev.stars() == s.stars() && prev.solved() == s.solved()
              ? ranks.get(i - 1).rank()
              : i + 1;
      ranks.add(new Rank(rank, s.nickname(), s.stars(), s.solved(), s.last()));
    }
    return ranks;
  }
}
