package dev.perfshop.server.pedagogy;

import java.time.Instant;

/**
 * Something an instructor watching a session wants to see: {@code join}, {@code attempt}, {@code
 * solve}, {@code hint}, {@code student} (renamed, reset, removed), {@code enigma} (registered,
 * opened, closed, bound, hint released) or {@code session} (page opened or closed, archived).
 * Published inside the transaction that made the change and delivered after it commits.
 */
record ProgressEvent(
    long sessionId,
    String kind,
    Long studentId,
    String nickname,
    String enigma,
    Boolean correct,
    Integer stars,
    Instant at) {

  static ProgressEvent of(long sessionId, String kind, Instant at) {
    return new ProgressEvent(sessionId, kind, null, null, null, null, null, at);
  }
}
