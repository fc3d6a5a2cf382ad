package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Level;
import java.time.Instant;
import java.util.List;

/** The rows of the pedagogy tables, as the services use them. */
final class Rows {

  private Rows() {}

  record SessionRow(
      long id,
      String name,
      Level level,
      String joinCode,
      boolean studentPageOpen,
      boolean archived,
      Instant createdAt,
      Instant archivedAt) {}

  record StudentRow(
      long id,
      long sessionId,
      String publicId,
      String nickname,
      Instant joinedAt,
      Instant lastSeenAt) {}

  record EnigmaRow(
      long id,
      long sessionId,
      String key,
      String scenarioId,
      String question,
      AnswerChecks.Stored answer,
      List<String> hints,
      int hintsReleased,
      int maxStars,
      boolean open,
      int sortOrder,
      List<String> anomalies) {}

  record ProgressRow(
      long id,
      long studentId,
      long enigmaId,
      int hintsTaken,
      int wrongAnswers,
      int attempts,
      String lastWrong,
      Instant solvedAt,
      Integer stars) {

    boolean solved() {
      return solvedAt != null;
    }
  }
}
