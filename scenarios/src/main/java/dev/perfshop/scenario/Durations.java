package dev.perfshop.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of PerfShop. Durations as people write them in scenarios: {@code 200ms},
 * {@code 30s}, {@code 1m30s}, {@code 2h}; a time to live ({@link #parseTtl}: the server's admin API
 * and the CLI's {@code --ttl}) also takes ISO-8601 and a number of seconds.
 */
public final class Durations {

  private static final Pattern FORMAT =
      Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,5})m(?!s))?(?:(\\d{1,6})s)?(?:(\\d{1,7})ms)?");

  private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");

  private Durations() {}

  /**
   * A time to live: the scenario format ({@code 90s}, {@code 1m30s}, {@code 2h}), ISO-8601 ({@code
   * PT10M}) or a whole number of seconds ({@code 600}). Empty when the text is none of these; the
   * caller checks the range.
   */
  public static Optional<Duration> parseTtl(String text) {
    if (text == null || text.isBlank() || text.length() > 32) {
      return Optional.empty();
    }
    String t = text.strip();
    if (SECONDS.matcher(t).matches()) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
    }
    Optional<Duration> written = parse(t);
    if (written.isPresent()) {
      return written;
    }
    try {
      return Optional.of(Duration.parse(t));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The duration, or empty when the text is not in the format (or is empty). */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text.strip());
    if (!m.matches()
        || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) d = d.plusHours(Long.parseLong(m.group(1)));
    if (m.group(2) != null) d = d.plusMinutes(Long.parseLong(m.group(2)));
    if (m.group(3) != null) d = d.plusSeconds(Long.parseLong(m.group(3)));
    if (m.group(4) != null) d = d.plusMillis(Long.parseLong(m.group(4)));
    return Optional.of(d);
  }

  public static String format(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    StringBuilder sb = new StringBuilder();
    if (s >= 3600) sb.append(s / 3600).append('h');
    if (s % 3600 >= 60) sb.append(s % 3600 / 60).append('m');
    if (s % 60 != 0 || sb.isEmpty()) sb.append(s % 60).append('s');
    return sb.toString();
  }
}
