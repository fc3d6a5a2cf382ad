package dev.perfshop.server.pedagogy;

/**
 * The star rule (docs/pedagogy.md): an enigma is worth {@code maxStars} (1–3). Each hint a student
 * took costs one star, except hints the instructor or scenario released to everyone. Every {@value
 * #WRONG_PER_STAR} distinct wrong answers cost one star, except on a choice, where every wrong
 * choice costs one ({@value #WRONG_CHOICE_PER_STAR}): trying every option never pays. A solve never
 * earns less than zero.
 */
final class Stars {

  static final int MAX = 3;
  static final int WRONG_PER_STAR = 3;
  static final int WRONG_CHOICE_PER_STAR = 1;

  private Stars() {}

  /** How many distinct wrong answers cost one star for an answer of this type. */
  static int wrongPerStar(String answerType) {
    return "choice".equals(answerType) ? WRONG_CHOICE_PER_STAR : WRONG_PER_STAR;
  }

  static int earned(int maxStars, int hintsTaken, int hintsReleased, int wrongAnswers) {
    return earned(maxStars, hintsTaken, hintsReleased, wrongAnswers, WRONG_PER_STAR);
  }

  static int earned(
      int maxStars, int hintsTaken, int hintsReleased, int wrongAnswers, int wrongPerStar) {
    int paidHints = Math.max(0, hintsTaken - hintsReleased);
    return Math.max(0, maxStars - paidHints - wrongAnswers / wrongPerStar);
  }

  /** Wrong answers a student can still give before the next star is lost (1 on a choice). */
  static int triesBeforeStarLost(int wrongAnswers, int wrongPerStar) {
    return wrongPerStar - wrongAnswers % wrongPerStar;
  }
}
