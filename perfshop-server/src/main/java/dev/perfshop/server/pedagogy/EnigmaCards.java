package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Rows.EnigmaRow;
import dev.perfshop.server.pedagogy.Rows.ProgressRow;
import dev.perfshop.server.pedagogy.Views.StudentEnigma;

/** An enigma as one student sees it: what is visible, its stars, its hints, what a miss costs. */
final class EnigmaCards {

  private EnigmaCards() {}

  static boolean visible(EnigmaRow e, ProgressRow p) {
    return e.open() || (p != null && p.solved());
  }

  static StudentEnigma view(EnigmaRow e, ProgressRow p, boolean live, int counted) {
    int taken = p == null ? 0 : p.hintsTaken();
    int wrong = p == null ? 0 : p.wrongAnswers();
    boolean solved = p != null && p.solved();
    int seen = Math.min(e.hints().size(), Math.max(taken, e.hintsReleased()));
    StoredAnswer a = e.answer();
    return new StudentEnigma(
        e.key(),
        e.question(),
        a.type(),
        a.type().equals("choice") ? a.options() : null,
        a.type().equals("choice") ? a.multiple() : null,
        a.unit(),
        e.maxStars(),
        solved ? p.stars() : Stars.earned(e.maxStars(), taken, e.hintsReleased(), wrong, per(e)),
        e.hints().subList(0, seen),
        e.hints().size(),
        taken,
        e.hintsReleased(),
        wrong,
        solved,
        solved ? p.stars() : null,
        e.open(),
        a.ready(),
        live,
        solved ? null : Stars.triesBeforeStarLost(wrong, per(e)),
        a.type().equals("done") ? counted : null,
        a.type().equals("done") ? (int) Math.round(a.value()) : null);
  }

  static int per(EnigmaRow e) {
    return Stars.wrongPerStar(e.answer().type());
  }

  /** What the next wrong answer costs, in words. */
  static String feedback(int available, int tries, int perStar) {
    if (available == 0) {
      return "no star left to lose; a right answer still counts as solved";
    }
    if (perStar == 1) {
      return "each wrong choice costs a star (" + available + " still available)";
    }
    return tries == 1
        ? "the next wrong answer costs a star (" + available + " still available)"
        : tries + " more wrong answers before a star is lost (" + available + " still available)";
  }
}
