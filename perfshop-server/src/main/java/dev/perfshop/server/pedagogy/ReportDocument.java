package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Views.Detection;
import dev.perfshop.server.pedagogy.Views.Incident;
import dev.perfshop.server.pedagogy.Views.Rank;
import dev.perfshop.server.pedagogy.Views.Report;
import dev.perfshop.server.pedagogy.Views.StudentDetection;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The debrief as a document: Markdown (for a wiki or a merge request) and standalone HTML. */
final class ReportDocument {

  private ReportDocument() {}

  static String markdown(Report r) {
    StringBuilder md = new StringBuilder();
    md.append("# Debrief — ").append(mdText(r.session().name())).append("\n\n");
    md.append("Session ")
        .append(r.session().id())
        .append(", level ")
        .append(r.session().level())
        .append(", ")
        .append(r.session().students())
        .append(" student(s), ")
        .append(r.session().enigmas())
        .append(" enigma(s). Generated ")
        .append(r.generatedAt())
        .append(
            ".\n\n## Incident timeline\n\n| time | offset | what | detail |\n|---|---|---|---|\n");
    Instant t0 = r.timeline().isEmpty() ? null : r.timeline().getFirst().at();
    for (Incident i : r.timeline()) {
      md.append("| ")
          .append(i.at())
          .append(" | ")
          .append(offset(t0, i.at()))
          .append(" | ")
          .append(i.kind())
          .append(" | ")
          .append(mdText(i.detail()))
          .append(" |\n");
    }
    md.append("\n## Time to detect\n\n");
    if (r.detections().isEmpty()) {
      md.append("No anomaly tied to this session's enigmas ran.\n");
    }
    for (Detection d : r.detections()) {
      md.append("### ")
          .append(d.anomaly())
          .append(d.scenarioId() == null ? " (by hand)" : " (scenario " + d.scenarioId() + ")")
          .append("\n\nStarted ")
          .append(d.startedAt())
          .append(d.endedAt() == null ? "" : ", ended " + d.endedAt())
          .append(". Detected by ")
          .append(d.spread().detected())
          .append(" of ")
          .append(d.spread().students())
          .append(" student(s); median ")
          .append(seconds(d.spread().medianSeconds()))
          .append(", fastest ")
          .append(seconds(d.spread().minSeconds()))
          .append(", slowest ")
          .append(seconds(d.spread().maxSeconds()))
          .append(".\n\n| student | time to detect |\n|---|---|\n");
      for (StudentDetection s : d.students()) {
        md.append("| ")
            .append(mdText(s.nickname()))
            .append(" | ")
            .append(s.seconds() == null ? "not detected" : seconds(s.seconds()))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append(SignalDrawing.markdown(r.signals()));
    md.append("## Leaderboard\n\n| rank | student | stars | solved |\n|---|---|---|---|\n");
    for (Rank k : r.leaderboard()) {
      md.append("| ")
          .append(k.rank())
          .append(" | ")
          .append(mdText(k.nickname()))
          .append(" | ")
          .append(k.stars())
          .append(" | ")
          .append(k.solved())
          .append(" |\n");
    }
    return md.toString();
  }

  static String html(Report r) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Debrief — ")
        .append(esc(r.session().name()))
        .append(
            "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}")
        .append(
            "table{border-collapse:collapse;margin:1rem 0;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;overflow-wrap:anywhere}")
        .append("figure{margin:1rem 0}svg.signal{width:100%;max-width:40rem;height:auto}")
        .append("</style></head><body><main><h1>Debrief — ")
        .append(esc(r.session().name()))
        .append("</h1><p>Session ")
        .append(r.session().id())
        .append(", level ")
        .append(r.session().level())
        .append(". Generated ")
        .append(r.generatedAt())
        .append(
            ".</p><h2>Incident timeline</h2><table><thead><tr><th>time</th><th>offset</th><th>what</th><th>detail</th></tr></thead><tbody>");
    Instant t0 = r.timeline().isEmpty() ? null : r.timeline().getFirst().at();
    for (Incident i : r.timeline()) {
      h.append("<tr><td>")
          .append(i.at())
          .append("</td><td>")
          .append(offset(t0, i.at()))
          .append("</td><td>")
          .append(esc(i.kind()))
          .append("</td><td>")
          .append(esc(i.detail()))
          .append("</td></tr>");
    }
    h.append("</tbody></table><h2>Time to detect</h2>");
    for (Detection d : r.detections()) {
      h.append("<h3>")
          .append(esc(d.anomaly()))
          .append(d.scenarioId() == null ? " (by hand)" : " (scenario " + esc(d.scenarioId()) + ")")
          .append("</h3><p>Detected by ")
          .append(d.spread().detected())
          .append(" of ")
          .append(d.spread().students())
          .append("; median ")
          .append(seconds(d.spread().medianSeconds()))
          .append(
              ".</p><table><thead><tr><th>student</th><th>time to detect</th></tr></thead><tbody>");
      for (StudentDetection s : d.students()) {
        h.append("<tr><td>")
            .append(esc(s.nickname()))
            .append("</td><td>")
            .append(s.seconds() == null ? "not detected" : seconds(s.seconds()))
            .append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    h.append(SignalDrawing.html(r.signals()));
    h.append(
        "<h2>Leaderboard</h2><table><thead><tr><th>rank</th><th>student</th><th>stars</th><th>solved</th></tr></thead><tbody>");
    for (Rank k : r.leaderboard()) {
      h.append("<tr><td>")
          .append(k.rank())
          .append("</td><td>")
          .append(esc(k.nickname()))
          .append("</td><td>")
          .append(k.stars())
          .append("</td><td>")
          .append(k.solved())
          .append("</td></tr>");
    }
    return h.append("</tbody></table></main></body></html>\n").toString();
  }

  static String seconds(Double s) {
    return s == null ? "—" : String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String offset(Instant t0, Instant at) {
    if (t0 == null) {
      return "";
    }
    long s = Duration.between(t0, at).toSeconds();
    return String.format(Locale.ROOT, "+%d:%02d", s / 60, s % 60);
  }

  private static String mdText(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;");
  }
}
