package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON shapes of the pedagogy API (documented in docs/api.md). */
public final class Views {

  private Views() {}

  public record SessionView(
      long id,
      String name,
      Level level,
      String joinCode,
      String studentPage,
      boolean archived,
      Instant createdAt,
      Instant archivedAt,
      int students,
      int enigmas,
      String message,
      Instant messageAt,
      Instant frozenAt) {}

  public record StudentView(
      long id,
      String nickname,
      String agentCode,
      Instant joinedAt,
      Instant lastSeenAt,
      int stars,
      int solved) {}

  public record EnigmaView(
      String key,
      String scenarioId,
      String question,
      String type,
      List<String> options,
      Boolean multiple,
      String unit,
      String binding,
      List<String> hints,
      int hintsReleased,
      int maxStars,
      boolean open,
      boolean ready,
      int solvedBy) {}

  public record Cell(
      boolean solved,
      Integer stars,
      int hintsTaken,
      int wrongAnswers,
      int attempts,
      Instant solvedAt) {}

  public record StudentProgress(
      long id,
      String nickname,
      int stars,
      int solved,
      int hintsTaken,
      int wrongAnswers,
      int attempts,
      Instant lastSeenAt,
      Map<String, Cell> enigmas) {}

  public record EnigmaSummary(
      String key,
      String question,
      String type,
      int maxStars,
      boolean open,
      boolean ready,
      int solvedBy,
      String scenarioId,
      int hintsTotal,
      int hintsReleased) {}

  /**
   * {@code leaderboard} is live (the instructor's truth); {@code scoreboard} is what students and
   * the projector see: the standings at {@code session.frozenAt} once the scoreboard is frozen.
   */
  public record ProgressView(
      SessionView session,
      List<EnigmaSummary> enigmas,
      List<StudentProgress> students,
      List<Rank> leaderboard,
      List<Rank> scoreboard,
      List<Detection> detections,
      Instant generatedAt) {}

  /**
   * Time to detect one anomaly of a run: when it started for the session, the enigmas tied to it
   * (same scenario), and per student the time from the start to their first correct answer.
   */
  public record Detection(
      String anomaly,
      String scenarioId,
      Instant startedAt,
      Instant endedAt,
      List<String> enigmas,
      List<StudentDetection> students,
      Spread spread) {}

  public record StudentDetection(long id, String nickname, Instant detectedAt, Double seconds) {}

  /** Class figures over the students who detected it (seconds); null when nobody did. */
  public record Spread(
      int detected,
      int students,
      Double medianSeconds,
      Double minSeconds,
      Double maxSeconds,
      Double p25Seconds,
      Double p75Seconds) {}

  /** One line of the debrief timeline. */
  public record Incident(Instant at, String kind, String detail) {}

  public record Report(
      SessionView session,
      List<Incident> timeline,
      List<Rank> leaderboard,
      List<Detection> detections,
      List<EnigmaSummary> enigmas,
      List<SignalChart> signals,
      Instant generatedAt) {

    Report withSignals(List<SignalChart> charts) {
      return new Report(session, timeline, leaderboard, detections, enigmas, charts, generatedAt);
    }
  }

  /**
   * The key signal around one anomaly of the run (see {@link DebriefSignals}): points from {@code
   * from} to {@code to}, one per {@code stepSeconds}, in {@code unit}; {@code before} and {@code
   * during} are the means before the start and while it ran (null without points there).
   */
  public record SignalChart(
      String anomaly,
      String scenarioId,
      Instant startedAt,
      Instant endedAt,
      String signal,
      String label,
      String unit,
      String route,
      Instant from,
      Instant to,
      int stepSeconds,
      List<SignalPoint> points,
      Double before,
      Double during) {}

  /** {@code t}: the step's start, epoch seconds. */
  public record SignalPoint(long t, double value) {}

  public record Rank(int rank, String nickname, int stars, int solved, Instant lastSolveAt) {}

  public record SessionBrief(String name, Level level) {}

  public record Joined(String agentCode, String nickname, SessionBrief session) {}

  /**
   * {@code studentPage} is {@code open} or {@code closed}: a closed session still answers {@code
   * me} so the student sees a final state (stars, rank) instead of an error.
   */
  public record Me(
      String nickname,
      SessionBrief session,
      int stars,
      int solved,
      int enigmas,
      int maxStars,
      String studentPage,
      Integer rank,
      int students,
      String message,
      Instant messageAt,
      boolean scoreboardFrozen) {}

  public record StudentEnigma(
      String id,
      String question,
      String type,
      List<String> options,
      Boolean multiple,
      String unit,
      int maxStars,
      int starsAvailable,
      List<String> hints,
      int hintsTotal,
      int hintsTaken,
      int hintsReleased,
      int wrongAnswers,
      boolean solved,
      Integer stars,
      boolean open,
      boolean ready,
      boolean anomalyLive,
      Integer triesBeforeStarLost,
      Integer checkoutsCounted,
      Integer checkoutsRequired) {}

  public record AnswerResult(
      boolean correct,
      boolean solved,
      boolean alreadySolved,
      Integer stars,
      int starsAvailable,
      int wrongAnswers,
      Integer triesBeforeStarLost,
      String message) {}

  public record Hint(int number, String text, int hintsTaken, int starsAvailable) {}
}
