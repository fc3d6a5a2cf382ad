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
      Instant archivedAt,
      String message,
      Instant messageAt,
      Instant frozenAt) {}

  /** A class action or chaos change, as the debrief timeline shows it. */
  record JournalRow(Instant at, String kind, String detail) {}

  /** One chaos audit entry (enable, disable, expire, halt) read from the chaos feature's log. */
  record ChaosRow(Instant at, String action, String type, Integer level, String scenarioId) {}

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
      StoredAnswer answer,
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
