package dev.perfshop.server.pedagogy;

import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import java.util.regex.Pattern;

/** What a student may be called in a class: the rule both joining and renaming apply. */
final class Nicknames {

  static final Pattern NICKNAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,31}");

  private Nicknames() {}

  static String valid(String nickname) {
    String clean = nickname == null ? "" : nickname.strip().replaceAll("\\s+", " ");
    if (!NICKNAME.matcher(clean).matches()) {
      throw new ApiException(
          ProblemType.VALIDATION,
          "nickname must have 1 to 32 letters, digits, spaces, dots, dashes or underscores,"
              + " starting with a letter or digit");
    }
    return clean;
  }
}
