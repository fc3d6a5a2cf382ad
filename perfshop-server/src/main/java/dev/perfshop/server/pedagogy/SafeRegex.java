package dev.perfshop.server.pedagogy;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions for text answers, safe against ReDoS: patterns are short, precompiled, free
 * of back-references, and every match runs on a character sequence with a fixed budget of character
 * reads. Catastrophic backtracking exhausts the budget and counts as "no match" instead of pinning
 * a CPU; the budget is a count, not a clock, so it behaves the same on any machine.
 */
final class SafeRegex {

  static final int MAX_PATTERN = 300;
  static final int MAX_INPUT = 200;
  static final int READ_BUDGET = 200_000;
  private static final Pattern BACKREFERENCE = Pattern.compile("\\\\(?:[1-9]|k<)");

  private SafeRegex() {}

  /** Compiles an instructor's pattern, or explains why it is refused. */
  static Pattern compile(String pattern) {
    if (pattern == null || pattern.isBlank() || pattern.length() > MAX_PATTERN) {
      throw new IllegalArgumentException("pattern must have 1 to " + MAX_PATTERN + " characters");
    }
    if (BACKREFERENCE.matcher(pattern).find()) {
      throw new IllegalArgumentException("pattern must not use back-references");
    }
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern is not a valid regular expression");
    }
  }

  /** Whether the whole input matches; empty when the read budget ran out. */
  static Optional<Boolean> matches(Pattern pattern, String input) {
    if (input.length() > MAX_INPUT) {
      return Optional.of(false);
    }
    try {
      return Optional.of(pattern.matcher(new Budgeted(input, READ_BUDGET)).matches());
    } catch (BudgetExceeded e) {
      return Optional.empty();
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("regular expression read budget exceeded", null, false, false);
    }
  }

  private static final class Budgeted implements CharSequence {
    private final String text;
    private final int[] left;

    Budgeted(String text, int budget) {
      this(text, new int[] {budget});
    }

    private Budgeted(String text, int[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(text.substring(start, end), left);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
