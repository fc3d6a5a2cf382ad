-- The instructor's class console: a broadcast message to every student, a scoreboard that can be
-- frozen (students and the projector then see the standings of that moment), and a journal of the
-- class actions (page opened/closed, hint released, message, freeze) for the debrief timeline.
ALTER TABLE class_sessions ADD COLUMN message VARCHAR(500);
ALTER TABLE class_sessions ADD COLUMN message_at TIMESTAMP(6);
ALTER TABLE class_sessions ADD COLUMN frozen_at TIMESTAMP(6);

CREATE TABLE session_journal (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  session_id BIGINT       NOT NULL,
  at         TIMESTAMP(6) NOT NULL,
  kind       VARCHAR(32)  NOT NULL,
  detail     VARCHAR(500) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_session_journal_session FOREIGN KEY (session_id) REFERENCES class_sessions (id) ON DELETE CASCADE
);
CREATE INDEX ix_session_journal_session ON session_journal (session_id, at);
