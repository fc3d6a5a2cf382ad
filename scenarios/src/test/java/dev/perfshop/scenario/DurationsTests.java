package dev.perfshop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTests {

  @Test
  void parsesTheUnitsPeopleWrite() {
    assertThat(Durations.parse("200ms")).contains(Duration.ofMillis(200));
    assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
    assertThat(Durations.parse("1m30s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
    assertThat(Durations.parse("1h2m3s")).contains(Duration.ofSeconds(3723));
  }

  @Test
  void refusesEverythingElse() {
    assertThat(Durations.parse("")).isEmpty();
    assertThat(Durations.parse("10")).isEmpty();
    assertThat(Durations.parse("PT10S")).isEmpty();
    assertThat(Durations.parse("-5s")).isEmpty();
    assertThat(Durations.parse("5 minutes")).isEmpty();
    assertThat(Durations.parse(null)).isEmpty();
  }

  @Test
  void formatIsTheInverseOfParse() {
    for (String s : new String[] {"200ms", "30s", "1m30s", "2h", "1h2m3s", "0s"}) {
      assertThat(Durations.format(Durations.parse(s).orElseThrow())).isEqualTo(s);
    }
  }

  @Test
  void aTtlTakesTheScenarioFormatIsoAndSeconds() {
    assertThat(Durations.parseTtl("1m30s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parseTtl("15m")).contains(Duration.ofMinutes(15));
    assertThat(Durations.parseTtl("2h")).contains(Duration.ofHours(2));
    assertThat(Durations.parseTtl("PT10M")).contains(Duration.ofMinutes(10));
    assertThat(Durations.parseTtl("600")).contains(Duration.ofMinutes(10));
    assertThat(Durations.parseTtl(" 90s ")).contains(Duration.ofSeconds(90));
  }

  @Test
  void aTtlRefusesWhatIsNoDuration() {
    assertThat(Durations.parseTtl("")).isEmpty();
    assertThat(Durations.parseTtl(null)).isEmpty();
    assertThat(Durations.parseTtl("ten minutes")).isEmpty();
    assertThat(Durations.parseTtl("-5s")).isEmpty();
    assertThat(Durations.parseTtl("5d")).isEmpty();
    assertThat(Durations.parseTtl("1".repeat(40))).isEmpty();
  }
}
