package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Rows.ChaosRow;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.StudentRow;
import dev.perfshop.server.pedagogy.Views.Detection;
import dev.perfshop.server.pedagogy.Views.Spread;
import dev.perfshop.server.pedagogy.Views.StudentDetection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Time to detect: PerfShop knows when each anomaly began (the chaos audit), so for every anomaly of
 * a run it measures, per student, the time from its start to the student's first correct answer of
 * an enigma tied to it. An anomaly is tied to the enigmas of the same scenario (an anomaly enabled
 * by hand, without a scenario, to the enigmas registered by hand). Its start is its first {@code
 * enable} while the session lives; it ends at the next disable, expiry or halt.
 */
final class DetectionTimes {

  private DetectionTimes() {}

  static List<Detection> of(
      List<ChaosRow> chaos,
      List<EnigmaRow> enigmas,
      List<StudentRow> students,
      Map<Long, List<ProgressRow>> progress) {
    record Run(String type, String scenarioId) {}
    Map<Run, Instant> started = new LinkedHashMap<>();
    Map<Run, Instant> ended = new LinkedHashMap<>();
    for (ChaosRow c : chaos) {
      if ("enable".equals(c.action()) && c.type() != null) {
        Run run = new Run(c.type(), c.scenarioId());
        started.putIfAbsent(run, c.at());
      } else if ("halt".equals(c.action())) {
        started.keySet().forEach(r -> ended.putIfAbsent(r, c.at()));
      } else if (c.type() != null) {
        started.keySet().stream()
            .filter(r -> r.type().equals(c.type()))
            .forEach(r -> ended.putIfAbsent(r, c.at()));
      }
    }
    List<Detection> detections = new ArrayList<>();
    for (var entry : started.entrySet()) {
      Run run = entry.getKey();
      Instant start = entry.getValue();
      List<EnigmaRow> tied =
          enigmas.stream().filter(e -> Objects.equals(e.scenarioId(), run.scenarioId())).toList();
      if (tied.isEmpty()) {
        continue;
      }
      Set<Long> ids = tied.stream().map(EnigmaRow::id).collect(Collectors.toSet());
      List<StudentDetection> rows = new ArrayList<>();
      List<Double> seconds = new ArrayList<>();
      for (StudentRow st : students) {
        Instant first =
            progress.getOrDefault(st.id(), List.of()).stream()
                .filter(p -> p.solved() && ids.contains(p.enigmaId()))
                .map(ProgressRow::solvedAt)
                .filter(at -> !at.isBefore(start))
                .min(Instant::compareTo)
                .orElse(null);
        Double s = first == null ? null : Duration.between(start, first).toMillis() / 1000.0;
        if (s != null) {
          seconds.add(s);
        }
        rows.add(new StudentDetection(st.id(), st.nickname(), first, s));
      }
      detections.add(
          new Detection(
              run.type(),
              run.scenarioId(),
              start,
              ended.get(run),
              tied.stream().map(EnigmaRow::key).toList(),
              rows,
              spread(seconds, students.size())));
    }
    return detections;
  }

  /** Median, quartiles and range by linear interpolation between the sorted values. */
  static Spread spread(List<Double> values, int students) {
    if (values.isEmpty()) {
      return new Spread(0, students, null, null, null, null, null);
    }
    List<Double> v = values.stream().sorted().toList();
    return new Spread(
        v.size(),
        students,
        quantile(v, 0.5),
        v.getFirst(),
        v.getLast(),
        quantile(v, 0.25),
        quantile(v, 0.75));
  }

  static double quantile(List<Double> sorted, double q) {
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    double value = sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    return Math.round(value * 1000) / 1000.0;
  }
}
