package dev.perfshop.server.pedagogy;

import java.text.Normalizer;
import java.util.Locale;

/** How typed answers compare: text without case or spacing, routes in their template form. */
final class AnswerText {

  private AnswerText() {}

  /** Case, accents' composition and spacing do not matter in text answers. */
  static String text(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC)
        .strip()
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }

  /** Bound values compare as routes when they are routes, as text otherwise. */
  static String bound(String s) {
    return Routes.normalise(s).orElseGet(() -> text(s));
  }
}
