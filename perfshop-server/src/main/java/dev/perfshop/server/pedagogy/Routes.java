package dev.perfshop.server.pedagogy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises a route as people write it into its template form: {@code get
 * http://localhost:8080/api/products/42?x=1} and {@code GET /api/products/:id} both become {@code
 * GET /api/products/{id}}. Ids (numbers, UUIDs, {@code {name}}, {@code :name}, {@code <name>})
 * become {@code {id}}; host, query, fragment, case and a trailing slash are ignored.
 */
final class Routes {

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Pattern ROUTE = Pattern.compile("\\s*([A-Za-z]+)\\s+(\\S+)\\s*");
  private static final Pattern ID_SEGMENT =
      Pattern.compile(
          "\\d+|\\{[^/{}]*}|:[\\w-]+|<[^/<>]*>|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Routes() {}

  static Optional<String> normalise(String typed) {
    if (typed == null || typed.length() > 300) {
      return Optional.empty();
    }
    Matcher m = ROUTE.matcher(typed);
    if (!m.matches()) {
      return Optional.empty();
    }
    String method = m.group(1).toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      return Optional.empty();
    }
    String path = m.group(2).replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "");
    int cut = indexOfAny(path, '?', '#');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(method).append(' ');
    for (String segment : path.toLowerCase(Locale.ROOT).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      out.append('/').append(ID_SEGMENT.matcher(segment).matches() ? "{id}" : segment);
    }
    if (out.charAt(out.length() - 1) == ' ') {
      out.append('/');
    }
    return Optional.of(out.toString());
  }

  static boolean looksLikeRoute(String value) {
    return normalise(value).isPresent();
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
