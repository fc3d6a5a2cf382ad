package dev.perfshop.server.signals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The application log's last {@link #CAPACITY} lines, kept in memory for the student page: a
 * Logback appender that redacts every line on the way in (so no secret is ever stored) and keeps
 * time, level, logger, thread, message, request id and a short stack trace. The instructor's
 * loggers (whatever has {@code chaos} in its name) are not kept: students read consequences, not
 * the console's truth.
 */
public class LogTail extends AppenderBase<ILoggingEvent> {

  public static final int CAPACITY = 2000;
  static final int MAX_MESSAGE = 2000;
  static final int MAX_FRAMES = 12;

  private final LogRedactor redactor;
  private final LogLine[] ring = new LogLine[CAPACITY];
  private long written;

  LogTail(LogRedactor redactor) {
    this.redactor = redactor;
    setName("student-log-tail");
  }

  @Override
  protected void append(ILoggingEvent event) {
    String logger = event.getLoggerName();
    if (logger != null && logger.toLowerCase(Locale.ROOT).contains("chaos")) {
      return;
    }
    String message = Disguise.text(redactor.redact(cap(event.getFormattedMessage())));
    String error =
        event.getThrowableProxy() == null ? null : Disguise.text(redactor.redact(error(event)));
    String requestId = event.getMDCPropertyMap().get("request_id");
    synchronized (this) {
      LogLine line =
          new LogLine(
              written + 1,
              event.getTimeStamp(),
              event.getLevel().toString(),
              logger,
              Disguise.thread(event.getThreadName()),
              message,
              requestId,
              error);
      ring[(int) (written % CAPACITY)] = line;
      written++;
    }
  }

  /**
   * Lines after {@code afterSeq} at or above {@code minLevel} whose message, logger or request id
   * contains {@code text} (ignoring case), oldest first, at most the newest {@code limit}.
   */
  public synchronized List<LogLine> read(long afterSeq, String minLevel, String text, int limit) {
    Level min = Level.toLevel(minLevel, Level.TRACE);
    String needle = text == null || text.isBlank() ? null : text.toLowerCase(Locale.ROOT);
    List<LogLine> out = new ArrayList<>();
    for (long i = written - 1; i >= Math.max(0, written - CAPACITY) && out.size() < limit; i--) {
      LogLine line = ring[(int) (i % CAPACITY)];
      if (line.seq() <= afterSeq) {
        break;
      }
      if (Level.toLevel(line.level()).isGreaterOrEqual(min) && matches(line, needle)) {
        out.add(line);
      }
    }
    return out.reversed();
  }

  /** Sequence number of the newest line (0 before the first). */
  public synchronized long last() {
    return written;
  }

  private static boolean matches(LogLine line, String needle) {
    if (needle == null) {
      return true;
    }
    return contains(line.message(), needle)
        || contains(line.logger(), needle)
        || contains(line.requestId(), needle)
        || contains(line.error(), needle);
  }

  private static boolean contains(String s, String needle) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(needle);
  }

  private static String cap(String s) {
    return s != null && s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
  }

  private static String error(ILoggingEvent event) {
    StringBuilder sb = new StringBuilder();
    IThrowableProxy t = event.getThrowableProxy();
    int causes = 0;
    while (t != null && causes < 3) {
      sb.append(causes == 0 ? "" : "Caused by: ")
          .append(t.getClassName())
          .append(": ")
          .append(cap(t.getMessage()))
          .append('\n');
      StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
      for (int i = 0; i < Math.min(MAX_FRAMES, frames.length); i++) {
        sb.append("\tat ").append(frames[i].getStackTraceElement()).append('\n');
      }
      if (frames.length > MAX_FRAMES) {
        sb.append("\t… ").append(frames.length - MAX_FRAMES).append(" more\n");
      }
      t = t.getCause();
      causes++;
    }
    return sb.toString();
  }

  /** One kept line; {@code time} in epoch milliseconds. */
  public record LogLine(
      long seq,
      long time,
      String level,
      String logger,
      String thread,
      String message,
      @Nullable String requestId,
      @Nullable String error) {}
}
