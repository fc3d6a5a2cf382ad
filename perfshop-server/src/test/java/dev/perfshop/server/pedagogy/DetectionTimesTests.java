package dev.perfshop.server.pedagogy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.server.pedagogy.Rows.ChaosRow;
import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Rows.StudentRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionTimesTests {

  static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

  static StudentRow student(long id, String nick) {
    return new StudentRow(id, 1, "p" + id, nick, T0, T0);
  }

  static EnigmaRow enigma(long id, String key, String scenario) {
    return new EnigmaRow(id, 1, key, scenario, "q", null, List.of(), 0, 3, true, 0, List.of());
  }

  static ProgressRow solved(long student, long enigma, int afterSeconds) {
    return new ProgressRow(0, student, enigma, 0, 0, 1, null, T0.plusSeconds(afterSeconds), 3);
  }

  @Test
  void eachStudentIsTimedToTheirFirstCorrectAnswerOfAnEnigmaTiedToTheAnomaly() {
    var chaos =
        List.of(
            new ChaosRow(T0.plusSeconds(10), "enable", "latency", 2, "run"),
            new ChaosRow(T0.plusSeconds(20), "enable", "latency", 3, "run"),
            new ChaosRow(T0.plusSeconds(300), "disable", "latency", 3, "run"),
            new ChaosRow(T0.plusSeconds(30), "enable", "cpu-burn", 1, "other"));
    var enigmas =
        List.of(enigma(1, "run.a", "run"), enigma(2, "run.b", "run"), enigma(3, "x", null));
    var students =
        List.of(student(1, "Ada"), student(2, "Bob"), student(3, "Cy"), student(4, "Di"));
    Map<Long, List<ProgressRow>> progress =
        Map.of(
            1L, List.of(solved(1, 2, 70), solved(1, 1, 130)),
            2L, List.of(solved(2, 1, 40)),
            3L, List.of(solved(3, 3, 15), solved(3, 1, 100)));

    var detections = DetectionTimes.of(chaos, enigmas, students, progress);

    // cpu-burn's scenario has no enigma in this session: no detection to measure
    assertThat(detections)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.anomaly()).isEqualTo("latency");
              assertThat(d.startedAt()).isEqualTo(T0.plusSeconds(10));
              assertThat(d.endedAt()).isEqualTo(T0.plusSeconds(300));
              assertThat(d.students())
                  .extracting(Views.StudentDetection::seconds)
                  .containsExactly(60.0, 30.0, 90.0, null);
              assertThat(d.spread())
                  .isEqualTo(new Views.Spread(3, 4, 60.0, 30.0, 90.0, 45.0, 75.0));
            });
  }

  @Test
  void anAnomalyEnabledByHandIsTiedToTheEnigmasRegisteredByHand() {
    var detections =
        DetectionTimes.of(
            List.of(
                new ChaosRow(T0, "enable", "error-rate", 2, null),
                new ChaosRow(T0.plusSeconds(9), "halt", null, null, null)),
            List.of(enigma(3, "x", null)),
            List.of(student(1, "Ada")),
            Map.of(1L, List.of(solved(1, 3, 5))));
    assertThat(detections)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.endedAt()).isEqualTo(T0.plusSeconds(9));
              assertThat(d.spread().medianSeconds()).isEqualTo(5.0);
            });
  }
}
