package dev.perfshop.server.signals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from a log line before it is kept for students: the admin token (as configured,
 * and any value after a token, cookie, password or authorisation key), session and agent cookies,
 * agent codes, and any long opaque token (32+ characters of base64 or hex, a UUID excepted: those
 * are request ids). Card numbers are left alone: writing them is a defect students must find.
 */
final class LogRedactor {

  static final String MASK = "[redacted]";

  private static final Pattern KEYED =
      Pattern.compile(
          "(?i)(x-admin-token|x-agent-code|x-session-token|x-csrf-token|x-action-token"
              + "|x-step-token|set-cookie|cookie|authorization|password|passwd|secret"
              + "|admin[ _.-]?token|agent[ _.-]?code|api[ _.-]?key|token|bearer(?=\\s))"
              + "(\\s*[\"']?\\s*[:=]\\s*[\"']?\\s*|(?<=bearer)\\s+)"
              + "(?!\\[redacted\\])((?:(?:bearer|basic)\\s+)?[^\\s,;\"'&)}\\]]{4,})");
  private static final Pattern COOKIE_PAIR =
      Pattern.compile("(?i)\\b(perfshop_[a-z_]+|jsessionid|session)=([^;\\s,&\"']+)");
  private static final Pattern AGENT_CODE =
      Pattern.compile("\\b[A-Za-z2-7]{4}(?:-[A-Za-z2-7]{4}){3,}\\b");
  private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9+_=-]{32,}");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32,}");

  private final List<String> literals;

  /** {@code literals}: secrets known by value (the configured admin token). */
  LogRedactor(List<String> literals) {
    this.literals = literals.stream().filter(s -> s != null && s.length() >= 8).toList();
  }

  String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : literals) {
      out = out.replace(secret, MASK);
    }
    out =
        KEYED
            .matcher(out)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
    out =
        COOKIE_PAIR.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
    out = AGENT_CODE.matcher(out).replaceAll(MASK);
    Matcher opaque = OPAQUE.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (opaque.find()) {
      String hit = opaque.group();
      boolean keep = UUID.matcher(hit).matches() || !opaque(hit);
      opaque.appendReplacement(sb, Matcher.quoteReplacement(keep ? hit : MASK));
    }
    opaque.appendTail(sb);
    return sb.toString();
  }

  /**
   * Random-looking: digits with both upper- and lower-case letters (base64), or 32+ hex digits in
   * one run. Words joined by dashes, class names and request ids are not.
   */
  private static boolean opaque(String s) {
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      digit |= Character.isDigit(c);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
    }
    return (digit && upper && lower) || HEX.matcher(s).find();
  }
}
