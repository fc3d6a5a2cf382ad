package dev.perfshop.cli.shell;

import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * History that never stores a line that could hold the admin token: a line with {@code
 * --admin-token VALUE} (the file variant is fine), or containing the token in use.
 */
final class SecretFreeHistory extends DefaultHistory {

  private static final Pattern TOKEN_FLAG = Pattern.compile("(^|\\s)--admin-token(=|\\s|$)");
  private final Predicate<String> containsToken;

  SecretFreeHistory(Predicate<String> containsToken) {
    this.containsToken = containsToken;
  }

  static boolean mayHoldSecret(String line, Predicate<String> containsToken) {
    return TOKEN_FLAG.matcher(line).find() || containsToken.test(line);
  }

  @Override
  public void add(Instant time, String line) {
    if (mayHoldSecret(line, containsToken)) {
      return;
    }
    super.add(time, line);
  }
}
