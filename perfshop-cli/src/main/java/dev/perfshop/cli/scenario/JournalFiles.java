package dev.perfshop.cli.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes journals as JSON (atomically, so a reader never sees half a file) and JUnit XML. */
public final class JournalFiles {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JournalFiles() {}

  public static void writeJson(Journal journal, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".journal", ".tmp");
      JSON.writeValue(tmp.toFile(), journal.document());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file, e);
    }
  }

  public static Journal.Document readJson(Path file) {
    try {
      return JSON.readValue(file.toFile(), Journal.Document.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a scenario journal: " + e.getMessage(), e);
    }
  }

  /**
   * One test suite per run, one test case per expectation (failed ones carry the reason), plus one
   * per step that errored, so CI dashboards show what broke.
   */
  public static void writeJUnit(Journal journal, Path file) {
    Journal.Document d = journal.document();
    StringBuilder cases = new StringBuilder();
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (Journal.Entry e : d.entries()) {
      boolean expectation = e.action().startsWith("expect ");
      if (!expectation && e.result() != Journal.Result.ERROR) {
        continue;
      }
      tests++;
      String name = (e.step() == null ? "" : "step " + e.step() + ": ") + e.action();
      cases
          .append("    <testcase classname=\"")
          .append(xml("scenario." + d.scenarioId()))
          .append("\" name=\"")
          .append(xml(name))
          .append("\" time=\"")
          .append(e.offsetMillis() / 1000.0)
          .append("\">");
      switch (e.result()) {
        case FAILED -> {
          failures++;
          cases.append("<failure message=\"").append(xml(e.message())).append("\"/>");
        }
        case ERROR -> {
          errors++;
          cases.append("<error message=\"").append(xml(e.message())).append("\"/>");
        }
        case SKIPPED -> {
          skipped++;
          cases.append("<skipped message=\"").append(xml(e.message())).append("\"/>");
        }
        case OK -> {}
      }
      cases.append("</testcase>\n");
    }
    String text =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuite name=\""
            + xml("scenario." + d.scenarioId())
            + "\" tests=\""
            + tests
            + "\" failures=\""
            + failures
            + "\" errors=\""
            + errors
            + "\" skipped=\""
            + skipped
            + "\" timestamp=\""
            + d.startedAt()
            + "\">\n"
            + "  <properties>\n"
            + "    <property name=\"seed\" value=\""
            + d.seed()
            + "\"/>\n"
            + "    <property name=\"timeScale\" value=\""
            + d.timeScale()
            + "\"/>\n"
            + "    <property name=\"outcome\" value=\""
            + xml(d.outcome())
            + "\"/>\n"
            + "  </properties>\n"
            + cases
            + "</testsuite>\n";
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JUnit report " + file, e);
    }
  }

  static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
