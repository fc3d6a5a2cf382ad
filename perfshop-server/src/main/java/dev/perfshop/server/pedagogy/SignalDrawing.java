package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Views.SignalChart;
import dev.perfshop.server.pedagogy.Views.SignalPoint;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The debrief's key-signal charts as documents: an inline SVG for the HTML report (no script, no
 * external file) and a sparkline with the anomaly's span marked under it for Markdown.
 */
final class SignalDrawing {

  private static final String BARS = "▁▂▃▄▅▆▇█";
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int W = 600;
  private static final int H = 170;
  private static final int LEFT = 64;
  private static final int RIGHT = 12;
  private static final int TOP = 10;
  private static final int BOTTOM = 26;

  private SignalDrawing() {}

  static String markdown(List<SignalChart> charts) {
    if (charts.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("## The key signal around each anomaly\n\n");
    for (SignalChart c : charts) {
      md.append("### ")
          .append(c.anomaly())
          .append(" — ")
          .append(c.label().replace("|", "\\|"))
          .append(" (")
          .append(c.unit())
          .append(")\n\n")
          .append(summary(c))
          .append("\n\n");
      if (c.points().isEmpty()) {
        continue;
      }
      double max = max(c);
      Map<Long, Double> at = byTime(c);
      long from = c.from().getEpochSecond();
      long to = c.to().getEpochSecond();
      long start = c.startedAt().getEpochSecond();
      long end = c.endedAt() == null ? to : c.endedAt().getEpochSecond();
      StringBuilder line = new StringBuilder();
      StringBuilder marks = new StringBuilder();
      for (long t = from; t < to; t += c.stepSeconds()) {
        Double v = at.get(t);
        line.append(
            v == null
                ? ' '
                : BARS.charAt(
                    (int) Math.min(BARS.length() - 1, Math.round(v / max * (BARS.length() - 1)))));
        boolean on = t + c.stepSeconds() > start && t < end;
        marks.append(on ? '━' : ' ');
      }
      md.append("```text\n")
          .append(line.toString().stripTrailing())
          .append('\n')
          .append(marks.toString().stripTrailing())
          .append("  ← anomaly on\n")
          .append(CLOCK.format(c.from()))
          .append(" → ")
          .append(CLOCK.format(c.to()))
          .append(" UTC, one character per ")
          .append(c.stepSeconds())
          .append(" s, full bar = ")
          .append(value(max, c.unit()))
          .append("\n```\n\n");
    }
    return md.toString();
  }

  static String html(List<SignalChart> charts) {
    if (charts.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<h2>The key signal around each anomaly</h2>");
    for (SignalChart c : charts) {
      h.append("<figure><figcaption><strong>")
          .append(ReportDocument.esc(c.anomaly()))
          .append("</strong> — ")
          .append(ReportDocument.esc(c.label()))
          .append(" (")
          .append(ReportDocument.esc(c.unit()))
          .append(")</figcaption>");
      if (!c.points().isEmpty()) {
        h.append(svg(c));
      }
      h.append("<p>").append(ReportDocument.esc(summary(c))).append("</p></figure>");
    }
    return h.toString();
  }

  private static String svg(SignalChart c) {
    double max = max(c);
    long from = c.from().getEpochSecond();
    long to = c.to().getEpochSecond();
    double innerW = W - LEFT - RIGHT;
    double innerH = H - TOP - BOTTOM;
    java.util.function.LongToDoubleFunction x =
        t -> LEFT + (to == from ? innerW : (t - from) * innerW / (to - from));
    java.util.function.DoubleUnaryOperator y = v -> TOP + innerH - Math.min(v, max) / max * innerH;
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"signal\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\" aria-label=\"")
        .append(ReportDocument.esc(c.label() + ": " + summary(c)))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    // shaded on the steps the anomaly touched: a point stands for its whole step
    int step = c.stepSeconds();
    long start = Math.floorDiv(c.startedAt().getEpochSecond(), step) * step;
    long end =
        c.endedAt() == null
            ? to
            : Math.min(to, Math.floorDiv(c.endedAt().getEpochSecond(), step) * step + step);
    s.append("<rect x=\"")
        .append(num(x.applyAsDouble(Math.max(from, start))))
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(num(Math.max(1, x.applyAsDouble(end) - x.applyAsDouble(Math.max(from, start)))))
        .append("\" height=\"")
        .append(num(innerH))
        .append("\" fill=\"#fde68a\" opacity=\"0.6\"><title>anomaly on</title></rect>");
    for (double v : new double[] {0, max / 2, max}) {
      s.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(W - RIGHT)
          .append("\" y1=\"")
          .append(num(y.applyAsDouble(v)))
          .append("\" y2=\"")
          .append(num(y.applyAsDouble(v)))
          .append("\" stroke=\"#ccc\"/><text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(num(y.applyAsDouble(v) + 4))
          .append("\" text-anchor=\"end\" font-size=\"11\">")
          .append(ReportDocument.esc(value(v, c.unit())))
          .append("</text>");
    }
    for (long t : new long[] {from, start, to}) {
      if (t < from || t > to) {
        continue;
      }
      s.append("<text x=\"")
          .append(num(x.applyAsDouble(t)))
          .append("\" y=\"")
          .append(H - 8)
          .append("\" text-anchor=\"")
          .append(t == from ? "start" : t == to ? "end" : "middle")
          .append("\" font-size=\"11\">")
          .append(CLOCK.format(Instant.ofEpochSecond(t)))
          .append("</text>");
    }
    // One polyline per run of consecutive steps: a step without data is a gap, not a zero.
    StringBuilder run = new StringBuilder();
    long previous = Long.MIN_VALUE;
    for (SignalPoint p : c.points()) {
      if (previous != Long.MIN_VALUE && p.t() - previous > c.stepSeconds()) {
        s.append(polyline(run));
        run.setLength(0);
      }
      run.append(num(x.applyAsDouble(p.t())))
          .append(',')
          .append(num(y.applyAsDouble(p.value())))
          .append(' ');
      previous = p.t();
    }
    s.append(polyline(run));
    return s.append("</svg>").toString();
  }

  private static String polyline(StringBuilder points) {
    if (points.isEmpty()) {
      return "";
    }
    String pts = points.toString().strip();
    if (!pts.contains(" ")) {
      String[] xy = pts.split(",");
      return "<circle cx=\"" + xy[0] + "\" cy=\"" + xy[1] + "\" r=\"3\" fill=\"#1d4ed8\"/>";
    }
    return "<polyline fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"2\" points=\"" + pts + "\"/>";
  }

  static String summary(SignalChart c) {
    if (c.points().isEmpty()) {
      return "No data kept for this window (the server keeps the signals of the last "
          + DebriefSignals.KEEP.toHours()
          + " hours, in memory).";
    }
    return "Anomaly on "
        + CLOCK.format(c.startedAt())
        + (c.endedAt() == null ? ", still on" : " to " + CLOCK.format(c.endedAt()))
        + " UTC. Mean before: "
        + (c.before() == null ? "no data" : value(c.before(), c.unit()))
        + "; while on: "
        + (c.during() == null ? "no data" : value(c.during(), c.unit()))
        + ".";
  }

  private static String value(double v, String unit) {
    String n =
        v >= 100 || v == Math.rint(v)
            ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.1f", v);
    return "%".equals(unit) ? n + " %" : n + " " + unit;
  }

  private static double max(SignalChart c) {
    double m = 0;
    for (SignalPoint p : c.points()) {
      m = Math.max(m, p.value());
    }
    return m <= 0 ? 1 : m;
  }

  private static Map<Long, Double> byTime(SignalChart c) {
    Map<Long, Double> m = new HashMap<>();
    c.points().forEach(p -> m.put(p.t(), p.value()));
    return m;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
