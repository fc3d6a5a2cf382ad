package dev.perfshop.server.catalog;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders a product's reviews as a small HTML page. Every stored text is escaped, except while the
 * stored-xss anomaly deliberately breaks it (flaw level 1–5, see docs/chaos.md).
 */
final class ReviewPage {

  private static final Pattern NAIVE_SCRIPT_FILTER =
      Pattern.compile("<script", Pattern.CASE_INSENSITIVE);

  private ReviewPage() {}

  static String render(Product product, List<Review> reviews, int flaw) {
    StringBuilder html = new StringBuilder(256 + reviews.size() * 128);
    html.append(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reviews of ")
        .append(HtmlUtils.htmlEscape(product.getName()))
        .append("</title></head><body>\n<h1>")
        .append(HtmlUtils.htmlEscape(product.getName()))
        .append("</h1>\n<ul class=\"reviews\">\n");
    for (Review r : reviews) {
      html.append("<li><strong>")
          .append(flaw == 1 || flaw >= 3 ? r.getAuthor() : HtmlUtils.htmlEscape(r.getAuthor()))
          .append("</strong> ")
          .append("★".repeat(r.getRating()))
          .append("<p>")
          .append(body(r.getBody(), flaw))
          .append("</p></li>\n");
    }
    return html.append("</ul>\n</body></html>\n").toString();
  }

  private static String body(String body, int flaw) {
    return switch (flaw) {
      case 0, 1 -> HtmlUtils.htmlEscape(body);
      case 2 -> NAIVE_SCRIPT_FILTER.matcher(body).replaceAll("");
      default -> body;
    };
  }
}
