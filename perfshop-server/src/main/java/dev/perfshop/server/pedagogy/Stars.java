package dev.perfshop.server.pedagogy;

/**
 * The star rule (docs/pedagogy.md): an enigma is worth {@code maxStars} (1–3). Each hint a student
 * took costs one star, except hints the instructor or scenario released to everyone; every {@value
 * #WRONG_PER_STAR} distinct wrong answers cost one star. A solve never earns less than zero.
 */
final class Stars {

  static final int MAX = 3;
  static final int WRONG_PER_STAR = 3;

  private Stars() {}

  static int earned(int maxStars, int hintsTaken, int hintsReleased, int wrongAnswers) {
    int paidHints = Math.max(0, hintsTaken - hintsReleased);
    return Math.max(0, maxStars - paidHints - wrongAnswers / WRONG_PER_STAR);
  }
}
