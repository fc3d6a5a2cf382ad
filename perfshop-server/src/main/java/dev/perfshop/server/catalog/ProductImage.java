package dev.perfshop.server.catalog;

import java.util.Locale;

/**
 * Draws a product's picture locally as SVG: a colour from the product's hue and its initials. No
 * image is ever downloaded.
 */
final class ProductImage {

  private ProductImage() {}

  static String svg(Product p) {
    String initials = initials(p.getName());
    int hue = p.getHue();
    return String.format(
        Locale.ROOT,
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240" role="img" aria-label="%s">
          <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stop-color="hsl(%d,70%%,62%%)"/><stop offset="1" stop-color="hsl(%d,65%%,38%%)"/>
          </linearGradient></defs>
          <rect width="320" height="240" fill="url(#g)"/>
          <circle cx="250" cy="60" r="90" fill="hsl(%d,80%%,85%%)" fill-opacity="0.25"/>
          <text x="160" y="140" font-family="sans-serif" font-size="72" font-weight="700" text-anchor="middle" fill="#fff">%s</text>
        </svg>
        """,
        escape(p.getName()),
        hue,
        (hue + 40) % 360,
        (hue + 180) % 360,
        escape(initials));
  }

  static String initials(String name) {
    StringBuilder sb = new StringBuilder();
    for (String word : name.split("\\s+")) {
      if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && sb.length() < 2) {
        sb.append(Character.toUpperCase(word.charAt(0)));
      }
    }
    return sb.isEmpty() ? "?" : sb.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
